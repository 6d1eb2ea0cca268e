#version 450
// batchnorm_bwd: the parameter gradients of training-mode batch
// normalisation over [ROWS, C] (nn/op/batchnorm.go, BatchNormBwd). Per
// column, one reduction gives dbeta = Σ dy and dgamma = istd·Σ dy·(x-mean);
// batchnorm_bwd_dx.comp then writes dx.
#define SUM_T mat2x4
#include "column_sum.glsl"

READ_BUFFER(0, X);
READ_BUFFER(1, DY);
READ_BUFFER(2, Mean);
layout(std430, binding = 3) readonly buffer BufVar { float var[]; };
layout(std430, binding = 4) writeonly buffer BufDGamma { float dgamma[]; };
layout(std430, binding = 5) writeonly buffer BufDBeta { float dbeta[]; };

layout(constant_id = 6) const float EPS = 1e-3;

// The means of this invocation's columns.
vec4 mu;

// visitRow gives the terms of Σ dy (column 0) and Σ dy·(x-mean) (column 1):
// with PARTS > 0, X holds column_parts' partial sums of both, rows 2r and
// 2r+1 for part r (DY is unused).
mat2x4 visitRow(uint r, uint c, uint pass, bool wide, bool parts) {
    mat2x4 terms;
    if (parts) {
        terms = mat2x4(COLUMNS_AS(wide, X, 2 * r, c), COLUMNS_AS(wide, X, 2 * r + 1, c));
    } else {
        vec4 dy = COLUMNS_AS(wide, DY, r, c);
        terms = mat2x4(dy, dy * (COLUMNS_AS(wide, X, r, c) - mu));
    }
    return terms;
}

void main() {
    uint c = columnIndex();
    mu = COLUMNS(Mean, 0, c);
    mat2x4 sums = columnSum(c, 0);
    [[unroll]] for (uint j = 0; j < 4; j++) {
        if (storesColumn(j)) {
            dgamma[c + j] = sums[1][j] * inversesqrt(var[c + j] + EPS);
            dbeta[c + j] = sums[0][j];
        }
    }
}
