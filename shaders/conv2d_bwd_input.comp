#version 450
#include "conv2d_bwd_input.glsl"
