#version 450
// batchnorm_train_fwd: the batch statistics of training-mode batch
// normalisation over X[ROWS, C] (nn/op/batchnorm.go, BatchNormTrain). Per
// column: the mean, then the biased variance as Σ(x-mean)²/ROWS (two
// passes, no E[x²]-E[x]²), saved, and the in-place update of the moving
// statistics. batchnorm_normalize.comp then writes the output.
#define SUM_T vec4
#include "column_sum.glsl"

READ_BUFFER(0, X);
layout(std430, binding = 1) buffer BufMovingMean { float movingMean[]; };
layout(std430, binding = 2) buffer BufMovingVar { float movingVar[]; };
layout(std430, binding = 3) writeonly buffer BufMean { float meanOut[]; };
layout(std430, binding = 4) writeonly buffer BufVar { float varOut[]; };

layout(constant_id = 6) const float MOMENTUM = 0.99;
layout(constant_id = 7) const bool UNBIASED_MOVING = false;

const uint SUM_X = 0, SUM_SQUARES = 1;

// The means of this invocation's columns, once SUM_X is done.
vec4 mean;

// partRows is how many rows part r summed.
float partRows(uint r) { return float(min(PART_ROWS, ROWS - r * PART_ROWS)); }

// With PARTS > 0, X holds column_parts' MODE_MOMENTS sums: part r's Σx in
// row 2r and its Σ(x - its mean)² in row 2r+1. Their merge is Chan et
// al.'s: Σx over the parts, then Σ [M2_r + n_r·(mean_r - mean)²].
vec4 visitRow(uint r, uint c, uint pass, bool wide, bool parts) {
    vec4 term;
    if (parts) {
        vec4 sum = COLUMNS_AS(wide, X, 2 * r, c);
        if (pass == SUM_X) {
            term = sum;
        } else {
            vec4 d = sum / partRows(r) - mean;
            term = COLUMNS_AS(wide, X, 2 * r + 1, c) + partRows(r) * d * d;
        }
    } else {
        vec4 x = COLUMNS_AS(wide, X, r, c);
        vec4 d = x - mean;
        term = pass == SUM_X ? x : d * d;
    }
    return term;
}

void main() {
    uint c = columnIndex();
    mean = columnSum(c, SUM_X) / float(ROWS);
    vec4 var = columnSum(c, SUM_SQUARES) / float(ROWS);
    float momentum = MOMENTUM;
    vec4 v = UNBIASED_MOVING ? var * (float(ROWS) / float(ROWS - 1)) : var;
    [[unroll]] for (uint j = 0; j < 4; j++) {
        if (storesColumn(j)) {
            meanOut[c + j] = mean[j];
            varOut[c + j] = var[j];
            movingMean[c + j] = momentum * movingMean[c + j] + (1.0 - momentum) * mean[j];
            movingVar[c + j] = momentum * movingVar[c + j] + (1.0 - momentum) * v[j];
        }
    }
}
