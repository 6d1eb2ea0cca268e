// Column reductions over a row-major matrix [ROWS, C]: x[r*C + c], one
// feature per column. A workgroup of TX x TY invocations (local_size_x and
// local_size_y, specialization constants 0 and 1) owns TX adjacent columns,
// and the TY invocations of a column take every TY-th row. TX = 32, TY = 1
// is one invocation per feature, with no barriers (best on lavapipe);
// TX = 1, TY = 256 one workgroup per feature, whose invocations add their
// partial sums in a fixed shared-memory tree (TY must be a power of two).
// Either way a column's sum has the same bits on every run.
//
// Rows go COLUMN_BLOCK at a time through an unrolled loop, whose sum is then
// added to the running total, and the last few through a short loop: the
// blocking keeps long float32 sums accurate, and the unrolling keeps the
// loop iterations of an invocation far below lavapipe's limit of 65535 for
// all the loops of a shader together (past it, loops silently stop).
//
// Before including, define SUM_T (float or a vector type) and declare the
// buffers; after it, define what a pass does with element i = r*C + c:
//   SUM_T visitRow(uint i, uint pass);
// returning the term to sum (a pass that only stores returns 0).
// Specialization constants 2 and 3 are ROWS and C; a shader's own start at 4.
#extension GL_EXT_control_flow_attributes : require

layout(local_size_x_id = 0, local_size_y_id = 1) in;
layout(constant_id = 2) const uint ROWS = 1;
layout(constant_id = 3) const uint C = 1;

const uint TX = gl_WorkGroupSize.x;
const uint TY = gl_WorkGroupSize.y;
const uint COLUMN_BLOCK = 16;

SUM_T visitRow(uint i, uint pass);

shared SUM_T columnPartial[TX * TY];

// columnIndex is the column this invocation works on, clamped to the last:
// invocations past the last column take part in the barriers but must not store.
uint columnIndex() { return min(gl_WorkGroupID.x * TX + gl_LocalInvocationID.x, C - 1); }

// ownsColumn is whether this invocation's column is real (not clamped).
bool ownsColumn() { return gl_WorkGroupID.x * TX + gl_LocalInvocationID.x < C; }

// firstRow is the first row of this invocation; it visits every TY-th row.
uint firstRow() { return gl_LocalInvocationID.y; }

// visitRows runs visitRow(r*C + c, pass) over this invocation's rows of
// column c and returns the sum of the terms; it has no barriers.
SUM_T visitRows(uint c, uint pass) {
    uint r = firstRow();
    uint blocks = r < ROWS ? (ROWS - r + TY - 1) / TY / COLUMN_BLOCK : 0;
    SUM_T total = SUM_T(0);
    for (uint b = 0; b < blocks; b++) {
        SUM_T part = SUM_T(0);
        [[unroll]] for (uint k = 0; k < COLUMN_BLOCK; k++) {
            part += visitRow((r + k * TY) * C + c, pass);
        }
        total += part;
        r += COLUMN_BLOCK * TY;
    }
    SUM_T tail = SUM_T(0);
    for (; r < ROWS; r += TY) {
        tail += visitRow(r * C + c, pass);
    }
    return total + tail;
}

// columnSum returns Σ_r visitRow(r*C + c, pass) over every row of column c
// to all TY invocations of the column; every invocation must call it
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
