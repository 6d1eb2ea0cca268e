#version 450
// dropout_fwd: out = in·DropScale where kept, else 0 (see dropout.glsl).
#include "dropout.glsl"
