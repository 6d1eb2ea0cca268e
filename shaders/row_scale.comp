#version 450
// row_scale: y[r*C + c] *= s[r] in place over Y[ROWS, C], N = ROWS*C
// (nn/op/row_scale.go, RowScale), one invocation per four elements: a vec4
// where C is a multiple of 4 (the four share a row), floats otherwise.
#include "elementwise.glsl"

layout(constant_id = 1) const uint C = 1;

layout(std430, binding = 0) readonly buffer BufS { float s[]; };
layout(std430, binding = 1) buffer BufY { float y[]; };
layout(std430, binding = 1) buffer BufY4 { vec4 y4[]; };

void main() {
    uint q = elementIndex();
    if (C % 4 == 0 && 4 * q < N) {
        y4[q] *= s[4 * q / C];
        return;
    }
    for (uint i = 4 * q; i < min(4 * q + 4, N); i++) {
        y[i] *= s[i / C];
    }
}
