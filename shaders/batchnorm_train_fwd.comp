#version 450
// batchnorm_train_fwd: the batch statistics of training-mode batch
// normalisation over X[ROWS, C] (nn/op/batchnorm.go, BatchNormTrain). Per
// column: the mean, then the biased variance as Σ(x-mean)²/ROWS (two
// passes, no E[x²]-E[x]²), saved, and the in-place update of the moving
// statistics. batchnorm_normalize.comp then writes the output.
#define SUM_T float

layout(std430, binding = 0) readonly buffer BufX { float x[]; };
layout(std430, binding = 1) buffer BufMovingMean { float movingMean[]; };
layout(std430, binding = 2) buffer BufMovingVar { float movingVar[]; };
layout(std430, binding = 3) writeonly buffer BufMean { float meanOut[]; };
layout(std430, binding = 4) writeonly buffer BufVar { float varOut[]; };

#include "column_sum.glsl"

layout(constant_id = 4) const uint MOMENTUM_BITS = 0;
layout(constant_id = 5) const uint UNBIASED_MOVING = 0;

const uint SUM_X = 0, SUM_SQUARES = 1;

// This invocation's column's mean, once SUM_X is done.
float mean;

float visitRow(uint i, uint pass) {
    if (pass == SUM_X) {
        return x[i];
    }
    float d = x[i] - mean;
    return d * d;
}

void main() {
    uint c = columnIndex();
    mean = columnSum(c, SUM_X) / float(ROWS);
    float var = columnSum(c, SUM_SQUARES) / float(ROWS);
    if (!ownsColumn() || firstRow() != 0) {
        return;
    }
    float momentum = uintBitsToFloat(MOMENTUM_BITS);
    float v = UNBIASED_MOVING != 0 ? var * (float(ROWS) / float(ROWS - 1)) : var;
    meanOut[c] = mean;
    varOut[c] = var;
    movingMean[c] = momentum * movingMean[c] + (1.0 - momentum) * mean;
    movingVar[c] = momentum * movingVar[c] + (1.0 - momentum) * v;
}
