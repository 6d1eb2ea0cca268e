#version 450
// leaky_relu_fwd: y = x if x > 0, else SLOPE·x (nn/op.ActivationFwd).
layout(constant_id = 1) const uint SLOPE_BITS = 0; // float32 bits of op.LeakySlope

float fn(float x) { return x > 0.0 ? x : uintBitsToFloat(SLOPE_BITS) * x; }

#include "map_unary.glsl"
