#version 450
// leaky_relu_bwd: dx = dy where the forward output y > 0 (exactly where
// x > 0), else SLOPE·dy (nn/op.ActivationBwd).
layout(constant_id = 1) const uint SLOPE_BITS = 0; // float32 bits of op.LeakySlope

float fn(float y, float dy) { return y > 0.0 ? dy : uintBitsToFloat(SLOPE_BITS) * dy; }

#include "map_binary.glsl"
