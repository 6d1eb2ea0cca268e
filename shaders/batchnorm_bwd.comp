#version 450
// batchnorm_bwd: the training-mode backward pass of batch normalisation over
// [ROWS, C] (nn/op/batchnorm.go, BatchNormBwd). Per column, one reduction
// gives dbeta = Σ dy and dgamma = istd·Σ dy·(x-mean); then every row's dx.
#define SUM_T vec2

layout(std430, binding = 0) readonly buffer BufX { float x[]; };
layout(std430, binding = 1) readonly buffer BufDY { float dy[]; };
layout(std430, binding = 2) readonly buffer BufGamma { float gamma[]; };
layout(std430, binding = 3) readonly buffer BufMean { float mean[]; };
layout(std430, binding = 4) readonly buffer BufVar { float var[]; };
layout(std430, binding = 5) writeonly buffer BufDX { float dx[]; };
layout(std430, binding = 6) writeonly buffer BufDGamma { float dgamma[]; };
layout(std430, binding = 7) writeonly buffer BufDBeta { float dbeta[]; };

#include "column_sum.glsl"

layout(constant_id = 4) const uint EPS_BITS = 0;

const uint SUM_GRADS = 0, STORE_DX = 1;

// This invocation's column: its mean and 1/sqrt(var+eps), and once SUM_GRADS
// is done, dbeta, dgamma and gamma·istd.
float mu, istd, db, dg, scale;

vec2 visitRow(uint i, uint pass) {
    float d = x[i] - mu;
    if (pass == SUM_GRADS) {
        return vec2(dy[i], dy[i] * d);
    }
    dx[i] = scale * (dy[i] - (db + d * istd * dg) / float(ROWS));
    return vec2(0.0);
}

void main() {
    uint c = columnIndex();
    mu = mean[c];
    istd = inversesqrt(var[c] + uintBitsToFloat(EPS_BITS));
    vec2 sums = columnSum(c, SUM_GRADS);
    if (!ownsColumn()) {
        return;
    }
    db = sums.x;
    dg = sums.y * istd;
    scale = gamma[c] * istd;
    visitRows(c, STORE_DX);
    if (firstRow() == 0) {
        dgamma[c] = dg;
        dbeta[c] = db;
    }
}
