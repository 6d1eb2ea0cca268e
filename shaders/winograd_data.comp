#version 450
#extension GL_EXT_control_flow_attributes : require
// winograd_data: the Winograd-domain tiles of a tensor x [BATCH,H,W,C] for
// the stride-1 convolutions (nn/vkexec/winograd.go). Tile r = (n·TH + ty)·TW
// + tx covers output rows ty·M.. and columns tx·M.. (M = WINO_M, TH x TW
// tiles an image):
//   - an input tile (GRADIENT false): the α x α window of x at
//     (ty·M - PAD_T, tx·M - PAD_L), zero outside x, becomes Bᵀ d B;
//   - an output-gradient tile (GRADIENT true): the M x M window at
//     (ty·M, tx·M), zero outside, becomes A d Aᵀ (the filter gradient's).
// With PHASES, x is the space-to-depth image of a tensor [BATCH,SRC_H,
// SRC_W,C/4] (a stride-2 convolution's input): its channel c at (iy, ix) is
// channel c % (C/4) at (2·iy + p, 2·ix + q) with p·2 + q = c / (C/4).
// WINO_3X3 builds it for F(4x4, 3x3) (winograd_3x3.glsl) instead of
// F(4x4, 5x5).
// Position p = ξ·α + ν of tile r, channel c goes to v[p][r][c]; ROWS (a
// multiple of 4) rows and C4 channels,
// zeros past the tiles and past C, so the products see no garbage. One
// invocation a tile and 4 channels (vec4s).
#include "elementwise.glsl"
#ifdef WINO_3X3
#include "winograd_3x3.glsl"
#else
#include "winograd.glsl"
#endif
#include "reads.glsl"
#include "constant_math.glsl"
layout(constant_id = 1) const int BATCH = 1;
layout(constant_id = 2) const int H = 1;
layout(constant_id = 3) const int W = 1;
layout(constant_id = 4) const int C = 1;
layout(constant_id = 5) const int PAD_T = 0;
layout(constant_id = 6) const int PAD_L = 0;
layout(constant_id = 7) const bool GRADIENT = false;
layout(constant_id = 8) const int ROWS = 4;
layout(constant_id = 9) const bool PHASES = false;
layout(constant_id = 10) const int SRC_H = 1;
layout(constant_id = 11) const int SRC_W = 1;

READ_BUFFER(0, X); // vec4s when CX is a multiple of 4, else floats
layout(std430, binding = 1) writeonly buffer BufV { vec4 v4[]; };

const int TH = (H + WINO_M - 1) / WINO_M;
const int TW = (W + WINO_M - 1) / WINO_M;
const int C4 = (C + 3) / 4 * 4;
// x's channels and size: those of the tiles, or with PHASES those of the
// tensor whose space-to-depth image the tiles cover.
const int CX = PHASES ? C / 4 : C;
const int XH = PHASES ? SRC_H : H;
const int XW = PHASES ? SRC_W : W;

// load reads x[n,iy,ix,c..c+3], zero outside the image and past C (with
// PHASES, of the space-to-depth image; the host keeps C/4 a multiple of 4).
vec4 load(int n, int iy, int ix, int c) {
    if (PHASES) {
        int phase = c / CX;
        iy = 2 * iy + phase / 2;
        ix = 2 * ix + phase % 2;
        c = c % CX;
    }
    if (iy < 0 || iy >= XH || ix < 0 || ix >= XW) {
        return vec4(0.0);
    }
    int i = ((n * XH + iy) * XW + ix) * CX + c;
    if (CONST_REM(CX, 4) == 0) {
        return READ4(X, i / 4);
    }
    vec4 v = vec4(0.0);
    [[unroll]] for (int k = 0; k < 4; k++) {
        if (c + k < CX) {
            v[k] = READ1(X, i + k);
        }
    }
    return v;
}

// transform is Bᵀ d, or A d for an output-gradient tile (its first M values).
void transform(vec4 d[WINO_A], out vec4 t[WINO_A]) {
    if (GRADIENT) {
        vec4 y[WINO_M];
        [[unroll]] for (int i = 0; i < WINO_M; i++) {
            y[i] = d[i];
        }
        winoGradient(y, t);
    } else {
        winoData(d, t);
    }
}

void main() {
    uint idx = elementIndex();
    if (idx >= N) {
        return;
    }
    int r = int(idx) / (C4 / 4), c = int(idx) % (C4 / 4) * 4;
    bool tile = r < BATCH * TH * TW;
    int n = r / (TH * TW), ty = r / TW % TH, tx = r % TW;
    int y0 = ty * WINO_M - (GRADIENT ? 0 : PAD_T), x0 = tx * WINO_M - (GRADIENT ? 0 : PAD_L);
    int edge = GRADIENT ? WINO_M : WINO_A;
    // t = Bᵀ d column by column, then (Bᵀ d) B row by row.
    vec4 t[WINO_A][WINO_A];
    [[unroll]] for (int b = 0; b < WINO_A; b++) {
        vec4 col[WINO_A], tc[WINO_A];
        [[unroll]] for (int a = 0; a < WINO_A; a++) {
            col[a] = tile && a < edge && b < edge ? load(n, y0 + a, x0 + b, c) : vec4(0.0);
        }
        transform(col, tc);
        [[unroll]] for (int a = 0; a < WINO_A; a++) {
            t[a][b] = tc[a];
        }
    }
    [[unroll]] for (int a = 0; a < WINO_A; a++) {
        vec4 row[WINO_A];
        transform(t[a], row);
        [[unroll]] for (int b = 0; b < WINO_A; b++) {
            v4[((a * WINO_A + b) * ROWS + r) * (C4 / 4) + c / 4] = row[b];
        }
    }
}
