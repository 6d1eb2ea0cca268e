#version 450
#extension GL_EXT_control_flow_attributes : require
// winograd_inverse: back from the Winograd domain (nn/vkexec/winograd.go).
// m [P][ROWS][C4] holds α x α positions p = ξ·α + ν of each row; C4 is C
// rounded up to a multiple of 4.
//   - FILTER false, output tiles: row r = (n·TH + ty)·TW + tx becomes
//     Aᵀ m A, stored in y[n, ty·M + i, tx·M + j, c] (M = WINO_M) where that
//     lies inside [n,H,W,C].
//   - FILTER true, a filter gradient summed over the tiles: row r < H
//     becomes Gᵀ m G, the gradient of the filter turned half a turn with
//     its channels swapped, so it is stored turned back, in
//     dw[R-1-i, R-1-j, c, r] of [R,R,C,H] (R = WINO_R), plus the old dw
//     when ACCUMULATE.
//     With PHASES, the gradient is of a stride-2 convolution's 3x3 filter
//     on the space-to-depth image of its input (winograd_data.comp):
//     channel c of tap (ky, kx) is tap (2·(ky-1) + p + PAD_T,
//     2·(kx-1) + q + PAD_L) of channel c % (C/4) of the K x K filter
//     [K,K,C/4,H], p·2 + q = c / (C/4), and the taps that fall outside
//     it are dropped.
// WINO_3X3 builds it for F(4x4, 3x3) (winograd_3x3.glsl).
// One invocation a row and 4 channels (vec4s).
#include "elementwise.glsl"
#ifdef WINO_3X3
#include "winograd_3x3.glsl"
#else
#include "winograd.glsl"
#endif
#include "reads.glsl"
layout(constant_id = 1) const int H = 1;
layout(constant_id = 2) const int W = 1;
layout(constant_id = 3) const int C = 1;
layout(constant_id = 4) const int ROWS = 4;
layout(constant_id = 5) const bool FILTER = false;
layout(constant_id = 6) const bool ACCUMULATE = false;
layout(constant_id = 7) const bool PHASES = false;
layout(constant_id = 8) const int K = 1;
layout(constant_id = 9) const int PAD_T = 0;
layout(constant_id = 10) const int PAD_L = 0;

READ_BUFFER(0, Mt); // vec4s
layout(std430, binding = 1) buffer BufY { float y[]; };

const int TH = (H + WINO_M - 1) / WINO_M;
const int TW = (W + WINO_M - 1) / WINO_M;
const int C4 = (C + 3) / 4 * 4;
const int EDGE = FILTER ? WINO_R : WINO_M;
const int E = WINO_R > WINO_M ? WINO_R : WINO_M;
// The filter gradient's edge and input channels as stored.
const int KF = PHASES ? K : WINO_R;
const int CF = PHASES ? C / 4 : C;

// transform is Aᵀ t, or Gᵀ t for the filter gradient, in the first EDGE of o.
void transform(vec4 t[WINO_A], out vec4 o[E]) {
    if (FILTER) {
        vec4 g[WINO_R];
        winoFilterGrad(t, g);
        [[unroll]] for (int i = 0; i < E; i++) {
            o[i] = i < WINO_R ? g[i] : vec4(0.0);
        }
    } else {
        vec4 v[WINO_M];
        winoOutput(t, v);
        [[unroll]] for (int i = 0; i < E; i++) {
            o[i] = i < WINO_M ? v[i] : vec4(0.0);
        }
    }
}

// store writes the 4 channels from c of output element (i, j) of row r.
void store(int r, int i, int j, int c, vec4 v) {
    int base;
    int stride = 1; // between the 4 channels
    if (FILTER) {
        int ky = WINO_R - 1 - i, kx = WINO_R - 1 - j, ci = c;
        if (PHASES) {
            int phase = c / CF;
            ky = 2 * (ky - 1) + phase / 2 + PAD_T;
            kx = 2 * (kx - 1) + phase % 2 + PAD_L;
            ci = c % CF;
            if (ky < 0 || ky >= KF || kx < 0 || kx >= KF) {
                return;
            }
        }
        base = ((ky * KF + kx) * CF + ci) * H + r;
        stride = H;
    } else {
        int n = r / (TH * TW), oy = r / TW % TH * WINO_M + i, ox = r % TW * WINO_M + j;
        if (oy >= H || ox >= W) {
            return;
        }
        base = ((n * H + oy) * W + ox) * C + c;
    }
    [[unroll]] for (int q = 0; q < 4; q++) {
        if (c + q < C) {
            int k = base + q * stride;
            y[k] = ACCUMULATE ? y[k] + v[q] : v[q];
        }
    }
}

void main() {
    uint idx = elementIndex();
    if (idx >= N) {
        return;
    }
    int r = int(idx) / (C4 / 4), c = int(idx) % (C4 / 4) * 4;
    // t = Aᵀ m column by column, then (Aᵀ m) A row by row.
    vec4 t[E][WINO_A];
    [[unroll]] for (int b = 0; b < WINO_A; b++) {
        vec4 col[WINO_A], tc[E];
        [[unroll]] for (int a = 0; a < WINO_A; a++) {
            col[a] = READ4(Mt, ((a * WINO_A + b) * ROWS + r) * (C4 / 4) + c / 4);
        }
        transform(col, tc);
        [[unroll]] for (int i = 0; i < E; i++) {
            t[i][b] = tc[i];
        }
    }
    [[unroll]] for (int i = 0; i < EDGE; i++) {
        vec4 row[E];
        transform(t[i], row);
        [[unroll]] for (int j = 0; j < EDGE; j++) {
            store(r, i, j, c, row[j]);
        }
    }
}
