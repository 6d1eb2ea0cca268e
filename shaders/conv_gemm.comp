#version 450
#extension GL_EXT_control_flow_attributes : require
// conv_gemm: the convolution S (conv_common.glsl) as a shared-memory tiled
// implicit GEMM, C[M,NC] = Σ_k A[M,k]·B[k,NC], for GPUs. MODE picks what A,
// B and C are; A is never built in memory, its elements are read from the
// tensor they stand for:
//   MODE_FWD    (nn/op.Conv2D): rows (n,oy,ox), k (ky,kx,ci), columns co:
//               A = x at (n, oy*S+ky-PAD_T, ox*S+kx-PAD_L, ci) or 0 in the
//               padding, B = w, C = y.
//   MODE_INPUT  (nn/op.Conv2DBwdInput): rows (n,iy,ix), k (ky,kx,co),
//               columns ci: A = dy at (n, oy, ox, co) where oy*S+ky-PAD_T =
//               iy and ox*S+kx-PAD_L = ix, else 0; B = w[ky,kx,ci,co].
//               PHASE > 0 computes only the rows whose (iy+PAD_T) mod S,
//               (ix+PAD_L) mod S are the phase PHASE-1 (row-major in S×S),
//               and only their taps, so no zero tap is multiplied.
//   MODE_FILTER (nn/op.Conv2DBwdFilter): rows (ky,kx,ci), k (n,oy,ox),
//               columns co: A = x as in MODE_FWD, transposed, B = dy. The k
//               range is split: workgroup z sums k in [z·SPLIT, (z+1)·SPLIT)
//               and writes its partial sums to C at z·M·NC; conv_split_sum
//               adds the partials in order.
// A workgroup computes a BM x BN tile of C: each k step it stages BK
// columns of A and rows of B in shared memory (two buffers: the next slice
// is read from memory while the current one is multiplied), then each of
// its (BM/TM)·(BN/TN) invocations accumulates TM x TN outputs in registers
// (rows ty + i·BM/TM, columns tx + j·BN/TN), summing k in order, so results
// are the same bits on every run. Tails of M, NC and k are zero-filled.
layout(local_size_x_id = 16) in;

#include "conv_common.glsl"

const int MODE_FWD = 0;
const int MODE_INPUT = 1;
const int MODE_FILTER = 2;
layout(constant_id = 10) const int MODE = MODE_FWD;
layout(constant_id = 11) const int BM = 64;
layout(constant_id = 12) const int BN = 64;
layout(constant_id = 13) const int BK = 16;
layout(constant_id = 14) const int TM = 4;
layout(constant_id = 15) const int TN = 4;
layout(constant_id = 17) const int SPLIT = 1; // k per workgroup in MODE_FILTER
layout(constant_id = 18) const int PHASE = 0; // MODE_INPUT: 0 all rows, else phase PHASE-1

layout(std430, binding = 0) readonly buffer BufA { float a[]; }; // x, dy or x
layout(std430, binding = 1) readonly buffer BufB { float b[]; }; // w, w or dy
layout(std430, binding = 2) writeonly buffer BufC { float c[]; };

// Phase geometry of MODE_INPUT with PHASE > 0: rows are the input
// positions iy ≡ PY (mod S), ix ≡ PX, and the taps ky ≡ (iy+PAD_T) mod S.
const int PY = PHASE > 0 ? (PHASE - 1) / S : 0;
const int PX = PHASE > 0 ? CONST_REM(PHASE - 1, S) : 0;
const int RY = CONST_REM(PY + PAD_T, S); // taps ky ≡ RY (mod S) reach the phase's rows
const int RX = CONST_REM(PX + PAD_L, S);
const int PH = PHASE > 0 ? (H - PY + S - 1) / S : H; // rows and columns of the phase
const int PW = PHASE > 0 ? (W - PX + S - 1) / S : W;
const int KY = PHASE > 0 ? (K - RY + S - 1) / S : K; // taps of the phase per axis
const int KX = PHASE > 0 ? (K - RX + S - 1) / S : K;

const int M = MODE == MODE_FWD ? N * OH * OW : (MODE == MODE_INPUT ? N * PH * PW : K * K * CIN);
const int NC = MODE == MODE_INPUT ? CIN : COUT;
const int KD = MODE == MODE_FWD ? K * K * CIN : (MODE == MODE_INPUT ? KY * KX * COUT : N * OH * OW);
const int LOCAL = (BM / TM) * (BN / TN);

shared float tileA[2][BK * BM]; // two buffers of [k][m]
shared float tileB[2][BK * BN]; // two buffers of [k][n]

// inputAt is x[n, iy, ix, ci], 0 in the padding.
float inputAt(int n, int iy, int ix, int ci) {
    return iy >= 0 && iy < H && ix >= 0 && ix < W ? a[inIndex(n, iy, ix, ci)] : 0.0;
}

// loadA is A[m, k] of the mode, 0 past M or KD.
float loadA(int m, int k) {
    if (m >= M || k >= KD) {
        return 0.0;
    }
    if (MODE == MODE_FWD) {
        int ci = k % CIN, kx = k / CIN % K, ky = k / CIN / K;
        int ox = m % OW, oy = m / OW % OH, n = m / OW / OH;
        return inputAt(n, oy * S + ky - PAD_T, ox * S + kx - PAD_L, ci);
    }
    if (MODE == MODE_INPUT) {
        int co = k % COUT, tx = k / COUT % KX, ty = k / COUT / KX;
        int px = m % PW, py = m / PW % PH, n = m / PW / PH;
        int iy = PHASE > 0 ? py * S + PY : py, ix = PHASE > 0 ? px * S + PX : px;
        int ky = PHASE > 0 ? ty * S + RY : ty, kx = PHASE > 0 ? tx * S + RX : tx;
        int sy = iy + PAD_T - ky, sx = ix + PAD_L - kx;
        int oy = sy / S, ox = sx / S;
        bool inside = sy >= 0 && sx >= 0 && sy % S == 0 && sx % S == 0 && oy < OH && ox < OW;
        return inside ? a[outIndex(n, oy, ox, co)] : 0.0;
    }
    // MODE_FILTER: row m = (ky, kx, ci), k = (n, oy, ox).
    int ci = m % CIN, kx = m / CIN % K, ky = m / CIN / K;
    int ox = k % OW, oy = k / OW % OH, n = k / OW / OH;
    return inputAt(n, oy * S + ky - PAD_T, ox * S + kx - PAD_L, ci);
}

// loadB is B[k, j] of the mode, 0 past KD or NC.
float loadB(int k, int j) {
    if (k >= KD || j >= NC) {
        return 0.0;
    }
    if (MODE == MODE_FWD) {
        return b[k * COUT + j];
    }
    if (MODE == MODE_INPUT) {
        int co = k % COUT, tx = k / COUT % KX, ty = k / COUT / KX;
        int ky = PHASE > 0 ? ty * S + RY : ty, kx = PHASE > 0 ? tx * S + RX : tx;
        return b[filterIndex(ky, kx, j, co)];
    }
    return b[k * COUT + j]; // dy[(n,oy,ox), co]
}

// storeIndex is where C[m, j] goes.
int storeIndex(int m, int j) {
    if (MODE == MODE_INPUT && PHASE > 0) {
        int px = m % PW, py = m / PW % PH, n = m / PW / PH;
        return inIndex(n, py * S + PY, px * S + PX, j);
    }
    if (MODE == MODE_FILTER) {
        return int(gl_WorkGroupID.z) * M * NC + m * NC + j;
    }
    return m * NC + j;
}

// Each invocation stages LA elements of a slice of A and LB of B (the
// last ones past the slice when LOCAL does not divide it).
const int LA = (BK * BM + LOCAL - 1) / LOCAL;
const int LB = (BK * BN + LOCAL - 1) / LOCAL;

// fetch reads this invocation's share of the slice from k0 on into
// registers: consecutive invocations read consecutive addresses (k is the
// fastest-varying index of A in MODE_FWD and MODE_INPUT, m in MODE_FILTER;
// the column of B in MODE_FWD and MODE_FILTER, k in MODE_INPUT).
void fetch(int k0, int kEnd, int m0, int j0, out float ra[LA], out float rb[LB]) {
    int tid = int(gl_LocalInvocationID.x);
    [[unroll]] for (int r = 0; r < LA; r++) {
        int e = tid + r * LOCAL;
        int kk = MODE == MODE_FILTER ? e / BM : e % BK;
        int mm = MODE == MODE_FILTER ? e % BM : e / BK;
        ra[r] = e < BK * BM && k0 + kk < kEnd ? loadA(m0 + mm, k0 + kk) : 0.0;
    }
    [[unroll]] for (int r = 0; r < LB; r++) {
        int e = tid + r * LOCAL;
        int kk = MODE == MODE_INPUT ? e % BK : e / BN;
        int jj = MODE == MODE_INPUT ? e / BK : e % BN;
        rb[r] = e < BK * BN && k0 + kk < kEnd ? loadB(k0 + kk, j0 + jj) : 0.0;
    }
}

// stage writes fetched registers into shared buffer buf.
void stage(int buf, float ra[LA], float rb[LB]) {
    int tid = int(gl_LocalInvocationID.x);
    [[unroll]] for (int r = 0; r < LA; r++) {
        int e = tid + r * LOCAL;
        if (e < BK * BM) {
            int kk = MODE == MODE_FILTER ? e / BM : e % BK;
            int mm = MODE == MODE_FILTER ? e % BM : e / BK;
            tileA[buf][kk * BM + mm] = ra[r];
        }
    }
    [[unroll]] for (int r = 0; r < LB; r++) {
        int e = tid + r * LOCAL;
        if (e < BK * BN) {
            int kk = MODE == MODE_INPUT ? e % BK : e / BN;
            int jj = MODE == MODE_INPUT ? e / BK : e % BN;
            tileB[buf][kk * BN + jj] = rb[r];
        }
    }
}

void main() {
    int tid = int(gl_LocalInvocationID.x);
    int tx = tid % (BN / TN), ty = tid / (BN / TN);
    int m0 = int(gl_WorkGroupID.y) * BM, j0 = int(gl_WorkGroupID.x) * BN;
    int kBegin = MODE == MODE_FILTER ? int(gl_WorkGroupID.z) * SPLIT : 0;
    int kEnd = MODE == MODE_FILTER ? min(kBegin + SPLIT, KD) : KD;
    float acc[TM][TN];
    [[unroll]] for (int i = 0; i < TM; i++) {
        [[unroll]] for (int j = 0; j < TN; j++) {
            acc[i][j] = 0.0;
        }
    }
    // Double-buffered: while the invocations multiply the slice in one
    // shared buffer, each has the next slice's share in registers, then
    // writes it to the other buffer; one barrier a slice.
    float ra[LA], rb[LB];
    fetch(kBegin, kEnd, m0, j0, ra, rb);
    stage(0, ra, rb);
    int buf = 0;
    for (int k0 = kBegin; k0 < kEnd; k0 += BK) {
        barrier();
        bool more = k0 + BK < kEnd;
        if (more) {
            fetch(k0 + BK, kEnd, m0, j0, ra, rb);
        }
        [[unroll]] for (int kk = 0; kk < BK; kk++) {
            float av[TM];
            [[unroll]] for (int i = 0; i < TM; i++) {
                av[i] = tileA[buf][kk * BM + ty + i * (BM / TM)];
            }
            [[unroll]] for (int j = 0; j < TN; j++) {
                float bv = tileB[buf][kk * BN + tx + j * (BN / TN)];
                [[unroll]] for (int i = 0; i < TM; i++) {
                    acc[i][j] += av[i] * bv;
                }
            }
        }
        if (more) {
            stage(1 - buf, ra, rb);
        }
        buf = 1 - buf;
    }
    [[unroll]] for (int i = 0; i < TM; i++) {
        int m = m0 + ty + i * (BM / TM);
        [[unroll]] for (int j = 0; j < TN; j++) {
            int col = j0 + tx + j * (BN / TN);
            if (m < M && col < NC) {
                c[storeIndex(m, col)] = acc[i][j];
            }
        }
    }
}
