#version 450
#extension GL_EXT_control_flow_attributes : require
#extension GL_KHR_shader_subgroup_shuffle : require
// conv2d_bwd_input: dx = ∂(Σ y·dy)/∂x of conv2d_fwd (nn/op.Conv2DBwdInput):
//   dx[n,iy,ix,ci] = Σ_{ky,kx,co} dy[n,oy,ox,co] · w[ky,kx,ci,co]
//                    over oy*S+ky-PAD_T = iy, ox*S+kx-PAD_L = ix
// A workgroup owns one input position (iy, ix), so the taps that reach it
// from inside the output (ky ≡ iy+PAD_T, kx ≡ ix+PAD_L mod S) are the same
// for all its invocations. Each invocation computes that position in PB
// images x CB input channels in registers, looping over the taps and over
// the output channels CV at a time (4, one vec4 load per image, when COUT
// is a multiple of 4). The channel block is the workgroup's (grid y), so the
// filter values of a step are loaded shared (subgroup_share.glsl). No shared
// memory, no barriers. Grid: (positions, input channel blocks, image
// blocks), looping past 65535.
layout(local_size_x_id = 12) in;

#include "conv_common.glsl"
#include "subgroup_share.glsl"
#include "reads.glsl"
layout(constant_id = 10) const int PB = 8;
layout(constant_id = 11) const int CB = 32;

READ_BUFFER(0, DY); // vec4s when COUT is a multiple of 4, else floats
READ_BUFFER(1, Wt); // vec4s when CV is 4, else floats
layout(std430, binding = 2) writeonly buffer BufDX { float dx[]; };

const int POSITIONS = H * W;
const int LOCAL = int(gl_WorkGroupSize.x);
const int IMAGE_BLOCKS = (N + LOCAL * PB - 1) / (LOCAL * PB);
const int CV = CONST_REM(COUT, 4) == 0 ? 4 : 1;
const int E = CB * CV;            // filter values of a step: CB inputs x CV channels
const int R = (E / CV + SG - 1) / SG; // loads of them (CV values each) by each invocation

// firstTap is the smallest tap k ≡ t (mod S) with 0 <= (t - k)/S < outSize,
// t = the input coordinate plus the padding; the taps go up by S to
// min(K - 1, t).
int firstTap(int t, int outSize) {
    int lo = max(0, t - (outSize - 1) * S);
    return lo + (t - lo) % S;
}

void main() {
    int ci0 = int(gl_WorkGroupID.y) * CB;
    int lane = shareLane();
    float guard = shareGuard();
    for (int pos = int(gl_WorkGroupID.x); pos < POSITIONS; pos += int(gl_NumWorkGroups.x)) {
        int ty = pos / W + PAD_T, tx = pos % W + PAD_L;
        int kyLo = firstTap(ty, OH), kyHi = min(K - 1, ty);
        int kxLo = firstTap(tx, OW), kxHi = min(K - 1, tx);
        for (int nb = int(gl_WorkGroupID.z); nb < IMAGE_BLOCKS; nb += int(gl_NumWorkGroups.z)) {
            int n0 = (nb * LOCAL + int(gl_LocalInvocationID.x)) * PB;
            float acc[PB][CB];
            [[unroll]] for (int j = 0; j < PB; j++) {
                [[unroll]] for (int k = 0; k < CB; k++) {
                    acc[j][k] = 0.0;
                }
            }
            for (int ky = kyLo; ky <= kyHi; ky += S) {
                for (int kx = kxLo; kx <= kxHi; kx += S) {
                    // Images past N read the last one and are not stored.
                    int di[PB];
                    [[unroll]] for (int j = 0; j < PB; j++) {
                        di[j] = outIndex(min(n0 + j, N - 1), (ty - ky) / S, (tx - kx) / S, 0);
                    }
                    int wi = filterIndex(ky, kx, ci0, 0);
                    for (int co = 0; co < COUT; co += CV) {
                        vec4 dv[PB];
                        [[unroll]] for (int j = 0; j < PB; j++) {
                            dv[j] = CV == 4 ? READ4(DY, (di[j] + co) / 4) : vec4(READ1(DY, di[j] + co), 0.0, 0.0, 0.0);
                        }
                        // Element e of the step is w[ky, kx, ci0 + e/CV, co + e%CV].
                        vec4 reg[R];
                        [[unroll]] for (int r = 0; r < R; r++) {
                            int e = min(r * SG + lane, E / CV - 1) * CV;
                            int i = wi + min(e / CV, CIN - 1 - ci0) * COUT + co;
                            reg[r] = CV == 4 ? READ4(Wt, i / 4) : vec4(READ1(Wt, i), 0.0, 0.0, 0.0);
                        }
                        [[unroll]] for (int k = 0; k < CB; k++) {
                            [[unroll]] for (int c = 0; c < CV; c++) {
                                float wv = SHARED(reg, k * CV + c, CV);
                                [[unroll]] for (int j = 0; j < PB; j++) {
                                    acc[j][k] += dv[j][c] * wv;
                                }
                            }
                        }
                    }
                }
            }
            [[unroll]] for (int j = 0; j < PB; j++) {
                [[unroll]] for (int k = 0; k < CB; k++) {
                    if (n0 + j < N && ci0 + k < CIN) {
                        dx[inIndex(n0 + j, pos / W, pos % W, ci0 + k)] = acc[j][k] + guard;
                    }
                }
            }
        }
    }
}
