#version 450
#define TEXEL_READS
#include "conv2d_bwd_filter.glsl"
