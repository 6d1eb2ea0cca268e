#version 450
// batchnorm_train_fwd: batch normalisation in training mode over X[ROWS, C]
// (nn/op/batchnorm.go, BatchNormTrain). Per column: the mean, then the
// biased variance as Σ(x-mean)²/ROWS (two passes, no E[x²]-E[x]²), the
// normalised output, the saved batch statistics and the in-place update of
// the moving statistics.
#define SUM_T float

layout(std430, binding = 0) readonly buffer BufX { float x[]; };
layout(std430, binding = 1) readonly buffer BufGamma { float gamma[]; };
layout(std430, binding = 2) readonly buffer BufBeta { float beta[]; };
layout(std430, binding = 3) buffer BufMovingMean { float movingMean[]; };
layout(std430, binding = 4) buffer BufMovingVar { float movingVar[]; };
layout(std430, binding = 5) writeonly buffer BufY { float y[]; };
layout(std430, binding = 6) writeonly buffer BufMean { float meanOut[]; };
layout(std430, binding = 7) writeonly buffer BufVar { float varOut[]; };

#include "column_sum.glsl"

layout(constant_id = 4) const uint MOMENTUM_BITS = 0;
layout(constant_id = 5) const uint EPS_BITS = 0;
layout(constant_id = 6) const uint UNBIASED_MOVING = 0;

const uint SUM_X = 0, SUM_SQUARES = 1, STORE_Y = 2;

// This invocation's column: its mean once SUM_X is done, and y = d·scale + shift.
float mean, scale, shift;

float visitRow(uint i, uint pass) {
    if (pass == SUM_X) {
        return x[i];
    }
    float d = x[i] - mean;
    if (pass == SUM_SQUARES) {
        return d * d;
    }
    y[i] = d * scale + shift;
    return 0.0;
}

void main() {
    uint c = columnIndex();
    mean = columnSum(c, SUM_X) / float(ROWS);
    float var = columnSum(c, SUM_SQUARES) / float(ROWS);
    if (!ownsColumn()) {
        return;
    }
    scale = gamma[c] * inversesqrt(var + uintBitsToFloat(EPS_BITS));
    shift = beta[c];
    visitRows(c, STORE_Y);
    if (firstRow() == 0) {
        float momentum = uintBitsToFloat(MOMENTUM_BITS);
        float v = UNBIASED_MOVING != 0 ? var * (float(ROWS) / float(ROWS - 1)) : var;
        meanOut[c] = mean;
        varOut[c] = var;
        movingMean[c] = momentum * movingMean[c] + (1.0 - momentum) * mean;
        movingVar[c] = momentum * movingVar[c] + (1.0 - momentum) * v;
    }
}
