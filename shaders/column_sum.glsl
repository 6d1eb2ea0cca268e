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
//   SUM_T visitRow(uint r, uint c, uint pass, bool wide, bool parts);
// returning the terms to sum, reading rows with COLUMNS_AS(wide, ...) and
// taking the two-stage form where parts is set (PARTS > 0). Specialization
// constants 2 to 5 are ROWS, C, PARTS and PART_ROWS; a shader's own start
// at 6.
//
// SwiftShader runs every arm of a branch under a lane mask, and its time
// and memory to build a pipeline grow exponentially with the branches in a
// row inside one loop body: 32 in the unrolled block (one row's read, 2 a
// row) took it past 9 GB in minutes, 24 took 5.6 s, 20 took 0.7 s. So
// the choices that are the same for every row (C % 4 == 0 and PARTS > 0,
// specialization constants, which no compiler before the driver can fold)
// are made once, outside the loops: visitRows calls the loops with them as
// literal arguments, glslc inlines those and drops the branches that
// depend on them, and visitRow must not branch on anything else either (a
// ?: between two computed values is a select, not a branch, and visitRow
// has one return, at its end).
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

// COLUMNS_AS is row r of a [rows, C] READ_BUFFER (or of a [C] one, as one
// row) at columns c to c+3 (a group's), read as one vec4 when wide (C is a
// multiple of 4), else as four floats; COLUMNS chooses by C.
#define COLUMNS_AS(wide, name, r, c) ((wide) ? READ4(name, ((r) * C + (c)) / 4) : \
    vec4(READ1(name, (r) * C + min((c), C - 1)), READ1(name, (r) * C + min((c) + 1, C - 1)), \
         READ1(name, (r) * C + min((c) + 2, C - 1)), READ1(name, (r) * C + min((c) + 3, C - 1))))
#define COLUMNS(name, r, c) COLUMNS_AS(C % 4 == 0, name, r, c)

SUM_T visitRow(uint r, uint c, uint pass, bool wide, bool parts);

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

// visitRowsAs runs visitRow(r, c, pass, wide, parts) over this
// invocation's rows of the group at column c and returns the sum of the
// terms; it has no barriers.
SUM_T visitRowsAs(uint c, uint pass, bool wide, bool parts) {
    uint end = rowsEnd();
    uint r = rowsBegin() + gl_LocalInvocationID.y;
    uint blocks = r < end ? (end - r + TY - 1) / TY / COLUMN_BLOCK : 0;
    SUM_T total = SUM_T(0);
    // Not unrolled: where ROWS and TY are such that blocks is a constant
    // (the Dense layer's 256 rows, one invocation a group), a full unroll
    // let AMD's compiler start all 256 rows' loads at once: 778 VGPRs
    // spilled on navi21 (dcganvk pipelines), none with this.
    [[dont_unroll]] for (uint b = 0; b < blocks; b++) {
        SUM_T part = SUM_T(0);
        [[unroll]] for (uint k = 0; k < COLUMN_BLOCK; k++) {
            part += visitRow(r + k * TY, c, pass, wide, parts);
        }
        total += part;
        r += COLUMN_BLOCK * TY;
    }
    SUM_T tail = SUM_T(0);
    for (; r < end; r += TY) {
        tail += visitRow(r, c, pass, wide, parts);
    }
    return total + tail;
}

// visitRows is visitRowsAs with this dispatch's wide and parts, passed as
// literals (see the top of this file).
SUM_T visitRows(uint c, uint pass) {
    bool wide = C % 4 == 0;
#ifdef STAGE_ONE
    bool parts = false;
#else
    bool parts = PARTS > 0;
#endif
    SUM_T sum;
    if (wide) {
        sum = parts ? visitRowsAs(c, pass, true, true) : visitRowsAs(c, pass, true, false);
    } else {
        sum = parts ? visitRowsAs(c, pass, false, true) : visitRowsAs(c, pass, false, false);
    }
    return sum;
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
