#version 450
// bias_grad: db[c] = Σ_r dy[r*C + c] (+ db[c] when ACCUMULATE) over
// DY[ROWS, C] (nn/op/bias.go, BiasGrad), a fixed-order column sum.
#define SUM_T vec4
#include "column_sum.glsl"

READ_BUFFER(0, DY);
layout(std430, binding = 1) buffer BufDB { float db[]; };

layout(constant_id = 6) const bool ACCUMULATE = false;

// With PARTS > 0, DY holds column_parts' sums, Σ dy in row 2r of part r.
vec4 visitRow(uint r, uint c, uint pass, bool wide, bool parts) {
    return COLUMNS_AS(wide, DY, parts ? 2 * r : r, c);
}

void main() {
    uint c = columnIndex();
    vec4 sum = columnSum(c, 0);
    [[unroll]] for (uint j = 0; j < 4; j++) {
        if (storesColumn(j)) {
            db[c + j] = ACCUMULATE ? db[c + j] + sum[j] : sum[j];
        }
    }
}
