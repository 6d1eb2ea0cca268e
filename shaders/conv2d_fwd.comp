#version 450
#include "conv2d_fwd.glsl"
