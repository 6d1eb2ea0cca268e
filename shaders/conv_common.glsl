// Shared by the conv shaders: the geometry of the convolution S
// (nn/op.ConvShape) as specialization constants 0 to 8, input [N,H,W,CIN],
// filter [K,K,CIN,COUT], output [N,OH,OW,COUT], TF 'same' padding with PAD_T
// rows and PAD_L columns before the input; then SG (constant 9), for
// sharing loads over a subgroup. The shader enables
// GL_KHR_shader_subgroup_shuffle.
layout(constant_id = 0) const int N = 1;
layout(constant_id = 1) const int H = 1;
layout(constant_id = 2) const int W = 1;
layout(constant_id = 3) const int CIN = 1;
layout(constant_id = 4) const int COUT = 1;
layout(constant_id = 5) const int K = 1;
layout(constant_id = 6) const int S = 1;
layout(constant_id = 7) const int PAD_T = 0;
layout(constant_id = 8) const int PAD_L = 0;

const int OH = (H + S - 1) / S;
const int OW = (W + S - 1) / S;

// Element indices of the input, output and filter.
int inIndex(int n, int iy, int ix, int ci) { return ((n * H + iy) * W + ix) * CIN + ci; }
int outIndex(int n, int oy, int ox, int co) { return ((n * OH + oy) * OW + ox) * COUT + co; }
int filterIndex(int ky, int kx, int ci, int co) { return ((ky * K + kx) * CIN + ci) * COUT + co; }

// Sharing loads. Where every invocation of a subgroup needs the same block
// of values, loaded V (1 or 4) at a time into vec4s, with SG > 1 (a
// subgroup of exactly SG invocations, full) each invocation loads only the
// vec4s lane, lane + SG, ... of it into an array reg[] and reads the others
// from its neighbours by subgroupShuffle: on lavapipe a load costs as much
// per invocation whether or not its address is uniform, a shuffle by a
// constant lane about a seventh of a vec4 texel fetch. With SG = 1 each
// invocation loads the whole block itself.
layout(constant_id = 9) const int SG = 1;

// shareLane is the first vec4 of a block this invocation loads.
int shareLane() { return SG == 1 ? 0 : int(gl_SubgroupInvocationID); }

// SHARED is element e of the block whose shares are in reg, loaded V at a time.
#define SHARED(reg, e, V) \
    (SG == 1 ? reg[(e) / (V)][(e) % (V)] : subgroupShuffle(reg[(e) / (V) / SG][(e) % (V)], uint((e) / (V) % SG)))

// shareGuard is 0, or NaN (to add to every output) when the subgroup is not
// the size the shader was specialized for, so that a wrong size shows.
float shareGuard() { return SG > 1 && gl_SubgroupSize != uint(SG) ? uintBitsToFloat(0x7fc00000u) : 0.0; }
