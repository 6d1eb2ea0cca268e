#version 450
#extension GL_EXT_control_flow_attributes : require
// col2im: the input gradient of a convolution on a one-channel batch
// [BATCH,H,W] from p [BATCH·OH·OW][KP], the output gradient times the
// filter's transpose (nn/vkexec/col2im.go): dx[n,iy,ix] is the sum of
// p[(n·OH + oy)·OW + ox][ky·K + kx] over the taps with oy·S + ky - PAD_T =
// iy and ox·S + kx - PAD_L = ix inside the output, ky then kx ascending. One
// invocation per element of dx; N is their count.
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

READ_BUFFER(0, P); // floats
layout(std430, binding = 1) writeonly buffer BufDX { float dx[]; };

void main() {
    uint i = elementIndex();
    if (i >= N) {
        return;
    }
    int ix = int(i) % W, iy = int(i) / W % H, n = int(i) / (W * H);
    float sum = 0.0;
    [[unroll]] for (int ky = 0; ky < K; ky++) {
        int ty = iy + PAD_T - ky, oy = ty / S;
        [[unroll]] for (int kx = 0; kx < K; kx++) {
            int tx = ix + PAD_L - kx, ox = tx / S;
            if (ty >= 0 && ty % S == 0 && oy < OH && tx >= 0 && tx % S == 0 && ox < OW) {
                sum += READ1(P, ((n * OH + oy) * OW + ox) * KP + ky * K + kx);
            }
        }
    }
    dx[i] = sum;
}
