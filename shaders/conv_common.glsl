// Shared by the conv shaders: the geometry of the convolution S
// (nn/op.ConvShape) as specialization constants 0 to 8, input [N,H,W,CIN],
// filter [K,K,CIN,COUT], output [N,OH,OW,COUT], TF 'same' padding with PAD_T
// rows and PAD_L columns before the input.
layout(constant_id = 0) const int N = 1;
layout(constant_id = 1) const int H = 1;
layout(constant_id = 2) const int W = 1;
layout(constant_id = 3) const int CIN = 1;
layout(constant_id = 4) const int COUT = 1;
layout(constant_id = 5) const int K = 1;
layout(constant_id = 6) const int S = 1;
layout(constant_id = 7) const int PAD_T = 0;
layout(constant_id = 8) const int PAD_L = 0;

#include "constant_math.glsl"

const int OH = (H + S - 1) / S;
const int OW = (W + S - 1) / S;

// Element indices of the input, output and filter.
int inIndex(int n, int iy, int ix, int ci) { return ((n * H + iy) * W + ix) * CIN + ci; }
int outIndex(int n, int oy, int ox, int co) { return ((n * OH + oy) * OW + ox) * COUT + co; }
int filterIndex(int ky, int kx, int ci, int co) { return ((ky * K + kx) * CIN + ci) * COUT + co; }
