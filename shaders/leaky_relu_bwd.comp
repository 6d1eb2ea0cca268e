#version 450
// leaky_relu_bwd: dx = dy where the forward output y > 0 (exactly where
// x > 0), else SLOPE·dy (nn/op.ActivationBwd).
layout(constant_id = 1) const float SLOPE = 0.3;

float fn(float y, float dy) { return y > 0.0 ? dy : SLOPE * dy; }

#include "map_binary.glsl"
