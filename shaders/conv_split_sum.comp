#version 450
// conv_split_sum: the filter gradient from conv_gemm's MODE_FILTER partial
// sums: dw[i] = Σ_{z < SPLITS} part[z·N + i] (+ dw[i] when ACCUMULATE),
// adding the parts in order z = 0, 1, ... so the bits never change.
#include "elementwise.glsl"

layout(constant_id = 1) const uint SPLITS = 1;
layout(constant_id = 2) const bool ACCUMULATE = false;

layout(std430, binding = 0) readonly buffer BufPart { float part[]; };
layout(std430, binding = 1) buffer BufDW { float dw[]; };

void main() {
    uint i = elementIndex();
    if (i >= N) {
        return;
    }
    float sum = part[i];
    for (uint z = 1; z < SPLITS; z++) {
        sum += part[z * N + i];
    }
    dw[i] = ACCUMULATE ? dw[i] + sum : sum;
}
