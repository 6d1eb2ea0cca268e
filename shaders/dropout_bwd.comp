#version 450
// dropout_bwd: dx = dy·DropScale where dropout_fwd kept the element at this
// step, else 0: the same linear map, its mask recomputed from the same stream.
#include "dropout.glsl"
