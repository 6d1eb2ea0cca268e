#version 450
// bias_add: y[r*C + c] += b[c] in place over Y[ROWS, C], N = ROWS*C
// (nn/op/bias.go, BiasAdd).
#include "elementwise.glsl"

layout(constant_id = 1) const uint C = 1;

layout(std430, binding = 0) readonly buffer BufB { float b[]; };
layout(std430, binding = 1) buffer BufY { float y[]; };

void main() {
    uint i = elementIndex();
    if (i < N) {
        y[i] += b[i % C];
    }
}
