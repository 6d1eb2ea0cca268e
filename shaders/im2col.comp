#version 450
#extension GL_EXT_control_flow_attributes : require
// im2col: the patches of a one-channel batch x [BATCH,H,W] for a
// convolution with a K x K filter at stride S (nn/vkexec/im2col.go). Row
// (n·OH + oy)·OW + ox of cols [BATCH·OH·OW][KP] holds x[n, oy·S + ky -
// PAD_T, ox·S + kx - PAD_L] at column ky·K + kx, zero outside the image
// and in the columns past K·K, so that the convolution is the product of
// cols and the filter [K·K][Cout] (padded with zero rows to KP, a multiple
// of 4). One invocation per vec4 of cols; N is their count.
#include "elementwise.glsl"
#include "reads.glsl"
layout(constant_id = 1) const int H = 1;
layout(constant_id = 2) const int W = 1;
layout(constant_id = 3) const int OH = 1;
layout(constant_id = 4) const int OW = 1;
layout(constant_id = 5) const int K = 1;
layout(constant_id = 6) const int S = 1;
layout(constant_id = 7) const int PAD_T = 0;
layout(constant_id = 8) const int PAD_L = 0;
layout(constant_id = 9) const int KP = 4;

READ_BUFFER(0, X); // floats
layout(std430, binding = 1) writeonly buffer BufC { vec4 c4[]; };

void main() {
    uint q = elementIndex();
    if (q >= N) {
        return;
    }
    int row = int(q) / (KP / 4), t0 = int(q) % (KP / 4) * 4;
    int ox = row % OW, oy = row / OW % OH, n = row / (OW * OH);
    vec4 v;
    [[unroll]] for (int j = 0; j < 4; j++) {
        int t = t0 + j;
        int iy = oy * S + t / K - PAD_T, ix = ox * S + t % K - PAD_L;
        bool inside = t < K * K && iy >= 0 && iy < H && ix >= 0 && ix < W;
        v[j] = inside ? READ1(X, (n * H + clamp(iy, 0, H - 1)) * W + clamp(ix, 0, W - 1)) : 0.0;
    }
    c4[q] = v;
}
