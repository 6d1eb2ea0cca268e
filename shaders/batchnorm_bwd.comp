#version 450
// batchnorm_bwd: the parameter gradients of training-mode batch
// normalisation over [ROWS, C] (nn/op/batchnorm.go, BatchNormBwd). Per
// column, one reduction gives dbeta = Σ dy and dgamma = istd·Σ dy·(x-mean);
// batchnorm_bwd_dx.comp then writes dx.
#define SUM_T vec2

layout(std430, binding = 0) readonly buffer BufX { float x[]; };
layout(std430, binding = 1) readonly buffer BufDY { float dy[]; };
layout(std430, binding = 2) readonly buffer BufMean { float mean[]; };
layout(std430, binding = 3) readonly buffer BufVar { float var[]; };
layout(std430, binding = 4) writeonly buffer BufDGamma { float dgamma[]; };
layout(std430, binding = 5) writeonly buffer BufDBeta { float dbeta[]; };

#include "column_sum.glsl"

layout(constant_id = 4) const uint EPS_BITS = 0;

// This invocation's column's mean.
float mu;

vec2 visitRow(uint i, uint pass) {
    return vec2(dy[i], dy[i] * (x[i] - mu));
}

void main() {
    uint c = columnIndex();
    mu = mean[c];
    vec2 sums = columnSum(c, 0);
    if (ownsColumn() && firstRow() == 0) {
        dgamma[c] = sums.y * inversesqrt(var[c] + uintBitsToFloat(EPS_BITS));
        dbeta[c] = sums.x;
    }
}
