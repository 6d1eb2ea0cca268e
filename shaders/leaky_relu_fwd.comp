#version 450
// leaky_relu_fwd: y = x if x > 0, else SLOPE·x (nn/op.ActivationFwd).
layout(constant_id = 1) const float SLOPE = 0.3;

float fn(float x) { return x > 0.0 ? x : SLOPE * x; }

#include "map_unary.glsl"
