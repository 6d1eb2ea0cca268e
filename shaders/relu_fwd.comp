#version 450
// relu_fwd: y = max(x, 0) elementwise (nn/op.ActivationFwd).
float fn(float x) { return x > 0.0 ? x : 0.0; }

#include "map_unary.glsl"
