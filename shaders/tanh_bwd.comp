#version 450
// tanh_bwd: dx = dy·(1 - y²) from the forward output y (nn/op.ActivationBwd),
// as (1-y)(1+y), which keeps its relative accuracy where |y| nears 1.
float fn(float y, float dy) { return dy * ((1.0 - y) * (1.0 + y)); }

#include "map_binary.glsl"
