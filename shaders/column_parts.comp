#version 450
// column_parts: stage one of a two-stage column reduction (column_sum.glsl)
// over A[ROWS, C]: workgroup row y (grid y) reduces rows [y·PART_ROWS,
// (y+1)·PART_ROWS) of its columns and writes, for each column c, two sums
// to parts[(2y + s)·C + c], s = 0 and 1, in a fixed order:
//   MODE_SUM:     Σ a, and 0 (bias_grad)
//   MODE_MOMENTS: Σ a, and Σ (a - m)² with m the chunk's own mean
//                 (batchnorm_train_fwd merges chunks as Chan et al.)
//   MODE_BN_BWD:  Σ b, and Σ b·(a - mean) (batchnorm_bwd: a = x, b = dy)
// The workgroup's invocations lie along the columns (adjacent invocations
// read adjacent vec4s of a row) and TY of them along the rows.
#define SUM_T mat2x4
#define STAGE_ONE
#include "column_sum.glsl"

const uint MODE_SUM = 0, MODE_MOMENTS = 1, MODE_BN_BWD = 2;
layout(constant_id = 6) const uint MODE = MODE_SUM;

READ_BUFFER(0, A);
READ_BUFFER(1, B);    // MODE_BN_BWD: dy; unused otherwise (any buffer)
READ_BUFFER(2, Mean); // MODE_BN_BWD: the batch means; unused otherwise
layout(std430, binding = 3) writeonly buffer BufParts { float parts[]; };

// mu is the chunk's mean in MODE_MOMENTS' second pass, the batch mean in
// MODE_BN_BWD.
vec4 mu;

// B is A outside MODE_BN_BWD, so reading it is in bounds in every mode,
// and MODE, the same for every row, is chosen by selects.
mat2x4 visitRow(uint r, uint c, uint pass, bool wide, bool parts) {
    vec4 a = COLUMNS_AS(wide, A, r, c);
    vec4 dy = COLUMNS_AS(wide, B, r, c);
    vec4 d = a - mu;
    vec4 dyCentred = dy * d, squares = d * d, zero = vec4(0.0);
    vec4 sum = pass == 0 ? a : zero, moment = pass == 0 ? zero : squares;
    bool bn = MODE == MODE_BN_BWD;
    return mat2x4(bn ? dy : sum, bn ? dyCentred : moment);
}

void main() {
    uint c = columnIndex();
    if (MODE == MODE_BN_BWD) {
        mu = COLUMNS(Mean, 0, c);
    }
    mat2x4 sums = columnSum(c, 0);
    if (MODE == MODE_MOMENTS) {
        mu = sums[0] / float(rowsEnd() - rowsBegin());
        sums[1] = columnSum(c, 1)[1];
    }
    uint y = gl_WorkGroupID.y;
    [[unroll]] for (uint j = 0; j < 4; j++) {
        if (storesColumn(j)) {
            parts[2 * y * C + c + j] = sums[0][j];
            parts[(2 * y + 1) * C + c + j] = sums[1][j];
        }
    }
}
