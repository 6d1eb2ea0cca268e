#version 450
// bias_add: y[r*C + c] += b[c] in place over Y[ROWS, C], N = ROWS*C
// (nn/op/bias.go, BiasAdd), one invocation per four elements: vec4s where
// C is a multiple of 4, floats otherwise.
#include "elementwise.glsl"

layout(constant_id = 1) const uint C = 1;

layout(std430, binding = 0) readonly buffer BufB { float b[]; };
layout(std430, binding = 0) readonly buffer BufB4 { vec4 b4[]; };
layout(std430, binding = 1) buffer BufY { float y[]; };
layout(std430, binding = 1) buffer BufY4 { vec4 y4[]; };

void main() {
    uint q = elementIndex();
    if (C % 4 == 0 && 4 * q < N) {
        y4[q] += b4[4 * q % C / 4];
        return;
    }
    for (uint i = 4 * q; i < min(4 * q + 4, N); i++) {
        y[i] += b[i % C];
    }
}
