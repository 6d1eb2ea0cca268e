#version 450
#extension GL_EXT_control_flow_attributes : require
#extension GL_KHR_shader_subgroup_shuffle : require
// conv2d_fwd: y = conv(x, w) (nn/op.Conv2D), NHWC, filter [K,K,CIN,COUT],
// TF 'same' padding:
//   y[n,oy,ox,co] = Σ_{ky,kx,ci} x[n, oy*S+ky-PAD_T, ox*S+kx-PAD_L, ci] · w[ky,kx,ci,co]
// A workgroup owns one output position (oy, ox), so the taps that land
// inside the input are the same for all its invocations and the tap loops
// skip the padding. Each invocation computes that position in PB images x
// CB output channels in registers, looping over the taps and over the input
// channels CV at a time (4, one vec4 load per image, when CIN is a multiple
// of 4). The channel block is the workgroup's (grid y), so the filter values
// of a step are the same for all invocations and loaded shared
// (subgroup_share.glsl). No shared memory, no barriers. Grid: (positions,
// output channel blocks, image blocks), looping past 65535.
layout(local_size_x_id = 12) in;

#include "conv_common.glsl"
#include "subgroup_share.glsl"
#include "reads.glsl"
layout(constant_id = 10) const int PB = 4;
layout(constant_id = 11) const int CB = 32;

READ_BUFFER(0, X);  // vec4s when CIN is a multiple of 4, else floats
READ_BUFFER(1, Wt); // vec4s when WV is 4, else floats
layout(std430, binding = 2) writeonly buffer BufY { float y[]; };

const int POSITIONS = OH * OW;
const int LOCAL = int(gl_WorkGroupSize.x);
const int IMAGE_BLOCKS = (N + LOCAL * PB - 1) / (LOCAL * PB);
const int CV = CONST_REM(CIN, 4) == 0 ? 4 : 1;
const int E = CV * CB;            // filter values of a step: CV channels x CB outputs
const int WV = CONST_REM(COUT, 4) + CONST_REM(CB, 4) == 0 ? 4 : 1; // of them a load reads
const int R = (E / WV + SG - 1) / SG; // loads of them by each invocation

void main() {
    int co0 = int(gl_WorkGroupID.y) * CB;
    int lane = shareLane();
    float guard = shareGuard();
    for (int pos = int(gl_WorkGroupID.x); pos < POSITIONS; pos += int(gl_NumWorkGroups.x)) {
        int iy0 = pos / OW * S - PAD_T, ix0 = pos % OW * S - PAD_L;
        int kyLo = max(0, -iy0), kyHi = min(K, H - iy0);
        int kxLo = max(0, -ix0), kxHi = min(K, W - ix0);
        for (int nb = int(gl_WorkGroupID.z); nb < IMAGE_BLOCKS; nb += int(gl_NumWorkGroups.z)) {
            int n0 = (nb * LOCAL + int(gl_LocalInvocationID.x)) * PB;
            float acc[PB][CB];
            [[unroll]] for (int j = 0; j < PB; j++) {
                [[unroll]] for (int k = 0; k < CB; k++) {
                    acc[j][k] = 0.0;
                }
            }
            for (int ky = kyLo; ky < kyHi; ky++) {
                for (int kx = kxLo; kx < kxHi; kx++) {
                    // Images past N read the last one and are not stored.
                    int xi[PB];
                    [[unroll]] for (int j = 0; j < PB; j++) {
                        xi[j] = inIndex(min(n0 + j, N - 1), iy0 + ky, ix0 + kx, 0);
                    }
                    int wi = filterIndex(ky, kx, 0, co0);
                    for (int ci = 0; ci < CIN; ci += CV) {
                        vec4 xv[PB];
                        [[unroll]] for (int j = 0; j < PB; j++) {
                            xv[j] = CV == 4 ? READ4(X, (xi[j] + ci) / 4) : vec4(READ1(X, xi[j] + ci), 0.0, 0.0, 0.0);
                        }
                        // Element e of the step is w[ky, kx, ci + e/CB, co0 + e%CB].
                        vec4 reg[R];
                        [[unroll]] for (int r = 0; r < R; r++) {
                            int e = min(r * SG + lane, E / WV - 1) * WV;
                            int i = wi + (ci + e / CB) * COUT + min(e % CB, COUT - WV - co0);
                            reg[r] = WV == 4 ? READ4(Wt, i / 4) : vec4(READ1(Wt, i), 0.0, 0.0, 0.0);
                        }
                        [[unroll]] for (int c = 0; c < CV; c++) {
                            [[unroll]] for (int k = 0; k < CB; k++) {
                                float wv = SHARED(reg, c * CB + k, WV);
                                [[unroll]] for (int j = 0; j < PB; j++) {
                                    acc[j][k] += xv[j][c] * wv;
                                }
                            }
                        }
                    }
                }
            }
            [[unroll]] for (int j = 0; j < PB; j++) {
                [[unroll]] for (int k = 0; k < CB; k++) {
                    if (n0 + j < N && co0 + k < COUT) {
                        y[outIndex(n0 + j, pos / OW, pos % OW, co0 + k)] = acc[j][k] + guard;
                    }
                }
            }
        }
    }
}
