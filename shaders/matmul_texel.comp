#version 450
#define TEXEL_READS
#include "matmul.glsl"
