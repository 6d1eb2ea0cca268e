#version 450
// bias_grad: db[c] = Σ_r dy[r*C + c] (+ db[c] when ACCUMULATE) over
// DY[ROWS, C] (nn/op/bias.go, BiasGrad), a fixed-order column sum.
#define SUM_T float

layout(std430, binding = 0) readonly buffer BufDY { float dy[]; };
layout(std430, binding = 1) buffer BufDB { float db[]; };

#include "column_sum.glsl"

layout(constant_id = 4) const uint ACCUMULATE = 0;

float visitRow(uint i, uint pass) { return dy[i]; }

void main() {
    uint c = columnIndex();
    float sum = columnSum(c, 0);
    if (ownsColumn() && firstRow() == 0) {
        db[c] = ACCUMULATE != 0 ? db[c] + sum : sum;
    }
}
