// Column reductions over a row-major matrix [ROWS, C]: x[r*C + c], one
// feature per column. An invocation owns a group of 4 adjacent columns,
// read as a vec4 where C is a multiple of 4 (floats otherwise; columns past
// C repeat the last and are not stored). A workgroup of TX x TY invocations
// (local_size_x and local_size_y, specialization constants 0 and 1) owns TX
// adjacent groups, and the TY invocations of a group take every TY-th row.
// TX = 8, TY = 1 is one invocation per group, with no barriers (best on
// lavapipe); TX = 1, TY = 256 one workgroup per group, whose invocations
// add their partial sums in a fixed shared-memory tree (TY must be a power
// of two). Either way a column's sum has the same bits on every run.
//
// Rows go COLUMN_BLOCK at a time through an unrolled loop, whose sum is then
// added to the running total, and the last few through a short loop: the
// blocking keeps long float32 sums accurate, and the unrolling keeps the
// loop iterations of an invocation far below lavapipe's limit of 65535 for
// all the loops of a shader together (past it, loops silently stop).
//
// Two stages (GPUs, where a column of a conv layer's [batch·pixels,
// channels] matrix is long and the columns few): column_parts.comp reduces
// PARTS chunks of PART_ROWS rows each, one workgroup row (grid y) a chunk,
// into a [PARTS, 2, C] buffer; the reduction that needs the column's total
// then runs with PARTS > 0 over those PARTS partial results (bound where
// the matrix was) instead of the ROWS rows. With PARTS = 0 a reduction
// takes the rows in one stage.
//
// Before including, define SUM_T (vec4, one sum per column of the group,
// or mat2x4 for two), and STAGE_ONE in column_parts.comp. After it, declare
// the buffers (those read by group with reads.glsl's READ_BUFFER) and
// define what a pass does with row r of the group whose first column is c:
//   SUM_T visitRow(uint r, uint c, uint pass);
// returning the terms to sum. Specialization constants 2 to 5 are ROWS, C,
// PARTS and PART_ROWS; a shader's own start at 6.
#extension GL_EXT_control_flow_attributes : require

layout(local_size_x_id = 0, local_size_y_id = 1) in;
layout(constant_id = 2) const uint ROWS = 1;
layout(constant_id = 3) const uint C = 1;
layout(constant_id = 4) const uint PARTS = 0;
layout(constant_id = 5) const uint PART_ROWS = 1;

const uint TX = gl_WorkGroupSize.x;
const uint TY = gl_WorkGroupSize.y;
const uint COLUMN_BLOCK = 16;

#include "reads.glsl"

// COLUMNS is row r of a [rows, C] READ_BUFFER (or of a [C] one, as one row)
// at columns c to c+3 (a group's).
#define COLUMNS(name, r, c) (C % 4 == 0 ? READ4(name, ((r) * C + (c)) / 4) : \
    vec4(READ1(name, (r) * C + min((c), C - 1)), READ1(name, (r) * C + min((c) + 1, C - 1)), \
         READ1(name, (r) * C + min((c) + 2, C - 1)), READ1(name, (r) * C + min((c) + 3, C - 1))))

SUM_T visitRow(uint r, uint c, uint pass);

shared SUM_T columnPartial[TX * TY];

// columnGroup is this invocation's group of columns, unclamped.
uint columnGroup() { return gl_WorkGroupID.x * TX + gl_LocalInvocationID.x; }

// columnIndex is the first column of this invocation's group, clamped to
// the last group: invocations past it take part in the barriers but must
// not store.
uint columnIndex() { return min(columnGroup() * 4, (C - 1) / 4 * 4); }

// storesColumn is whether column j of this invocation's group is real, and
// this invocation the one of its group that stores.
bool storesColumn(uint j) { return columnGroup() * 4 + j < C && gl_LocalInvocationID.y == 0; }

// rowsBegin and rowsEnd bound the rows this workgroup reduces: its chunk
// of the matrix in stage one, else all the rows (or all the parts).
uint rowsBegin() {
#ifdef STAGE_ONE
    return gl_WorkGroupID.y * PART_ROWS;
#else
    return 0;
#endif
}
uint rowsEnd() {
#ifdef STAGE_ONE
    return min(rowsBegin() + PART_ROWS, ROWS);
#else
    return PARTS > 0 ? PARTS : ROWS;
#endif
}

// visitRows runs visitRow(r, c, pass) over this invocation's rows of the
// group at column c and returns the sum of the terms; it has no barriers.
SUM_T visitRows(uint c, uint pass) {
    uint end = rowsEnd();
    uint r = rowsBegin() + gl_LocalInvocationID.y;
    uint blocks = r < end ? (end - r + TY - 1) / TY / COLUMN_BLOCK : 0;
    SUM_T total = SUM_T(0);
    for (uint b = 0; b < blocks; b++) {
        SUM_T part = SUM_T(0);
        [[unroll]] for (uint k = 0; k < COLUMN_BLOCK; k++) {
            part += visitRow(r + k * TY, c, pass);
        }
        total += part;
        r += COLUMN_BLOCK * TY;
    }
    SUM_T tail = SUM_T(0);
    for (; r < end; r += TY) {
        tail += visitRow(r, c, pass);
    }
    return total + tail;
}

// columnSum returns Σ_r visitRow(r, c, pass) over every row of the group at
// column c to all TY invocations of the group; every invocation must call it
// (barriers need uniform control flow).
SUM_T columnSum(uint c, uint pass) {
    SUM_T total = visitRows(c, pass);
    if (TY == 1) {
        return total;
    }
    uint x = gl_LocalInvocationID.x, y = gl_LocalInvocationID.y;
    columnPartial[y * TX + x] = total;
    for (uint s = TY / 2; s > 0; s /= 2) {
        barrier();
        if (y < s) {
            columnPartial[y * TX + x] += columnPartial[(y + s) * TX + x];
        }
    }
    barrier();
    total = columnPartial[x];
    barrier(); // every invocation has read the total before the next columnSum writes
    return total;
}
