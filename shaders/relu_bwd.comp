#version 450
// relu_bwd: dx = dy where the forward output y > 0, else 0 (nn/op.ActivationBwd).
float fn(float y, float dy) { return y > 0.0 ? dy : 0.0; }

#include "map_binary.glsl"
