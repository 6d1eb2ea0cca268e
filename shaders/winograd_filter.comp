#version 450
#extension GL_EXT_control_flow_attributes : require
// winograd_filter: the Winograd-domain filter of a stride-1 convolution
// (nn/vkexec/winograd.go), u[p][k][j] = (G g Gᵀ)[p] for the R x R filter g
// from k to j of w [R,R,CIN,COUT] (R = WINO_R):
//   - the forward correlation (FLIP false): k = ci, j = co,
//     g[ky,kx] = w[ky,kx,ci,co];
//   - the input gradient (FLIP true), a correlation of dy with the filter
//     turned half a turn and its channels swapped: k = co, j = ci,
//     g[ky,kx] = w[R-1-ky, R-1-kx, ci, co].
// KD x NC (k and j, rounded up to multiples of 4) per position, zeros past
// the channels. One invocation a k and 4 j (vec4s).
#include "elementwise.glsl"
#include "winograd.glsl"
#include "reads.glsl"
layout(constant_id = 1) const int CIN = 1;
layout(constant_id = 2) const int COUT = 1;
layout(constant_id = 3) const bool FLIP = false;

READ_BUFFER(0, Wt); // floats
layout(std430, binding = 1) writeonly buffer BufU { vec4 u[]; };

const int KD = ((FLIP ? COUT : CIN) + 3) / 4 * 4;
const int NC = ((FLIP ? CIN : COUT) + 3) / 4 * 4;

// tap is g[ky,kx] from k to j..j+3, zero past the channels.
vec4 tap(int ky, int kx, int k, int j) {
    vec4 g = vec4(0.0);
    [[unroll]] for (int q = 0; q < 4; q++) {
        int ci = FLIP ? j + q : k, co = FLIP ? k : j + q;
        int fy = FLIP ? WINO_R - 1 - ky : ky, fx = FLIP ? WINO_R - 1 - kx : kx;
        if (ci < CIN && co < COUT) {
            g[q] = READ1(Wt, ((fy * WINO_R + fx) * CIN + ci) * COUT + co);
        }
    }
    return g;
}

void main() {
    uint idx = elementIndex();
    if (idx >= N) {
        return;
    }
    int k = int(idx) / (NC / 4), j = int(idx) % (NC / 4) * 4;
    // t = G g column by column, then (G g) Gᵀ row by row.
    vec4 t[WINO_A][WINO_R];
    [[unroll]] for (int kx = 0; kx < WINO_R; kx++) {
        vec4 col[WINO_R], tc[WINO_A];
        [[unroll]] for (int ky = 0; ky < WINO_R; ky++) {
            col[ky] = tap(ky, kx, k, j);
        }
        winoFilter(col, tc);
        [[unroll]] for (int a = 0; a < WINO_A; a++) {
            t[a][kx] = tc[a];
        }
    }
    [[unroll]] for (int a = 0; a < WINO_A; a++) {
        vec4 row[WINO_A];
        winoFilter(t[a], row);
        [[unroll]] for (int b = 0; b < WINO_A; b++) {
            u[((a * WINO_A + b) * KD + k) * (NC / 4) + j / 4] = row[b];
        }
    }
}
