#extension GL_EXT_control_flow_attributes : require
#extension GL_KHR_shader_subgroup_shuffle : require
// conv2d_fwd: y = conv(x, w) (nn/op.Conv2D), NHWC, filter [K,K,CIN,COUT],
// TF 'same' padding:
//   y[n,oy,ox,co] = Σ_{ky,kx,ci} x[n, oy*S+ky-PAD_T, ox*S+kx-PAD_L, ci] · w[ky,kx,ci,co]
// Each invocation computes PB output pixels x CB output channels in
// registers, looping over the taps and over the input channels CV at a time
// (4, one vec4 load per pixel, when CIN is a multiple of 4). The channel
// block is the workgroup's (grid y), so the filter values of a step are the
// same for all invocations and loaded shared (conv_common.glsl). No shared
// memory, no barriers; the grid's x loops over the pixel blocks.
layout(local_size_x = 64) in;

#include "conv_common.glsl"
#include "reads.glsl"
layout(constant_id = 10) const int PB = 4;
layout(constant_id = 11) const int CB = 32;

READ_BUFFER(0, X);  // vec4s when CIN is a multiple of 4, else floats
READ_BUFFER(1, Wt); // vec4s when WV is 4, else floats
layout(std430, binding = 2) writeonly buffer BufY { float y[]; };

const int PIXELS = N * OH * OW;
const int BLOCKS = (PIXELS + 64 * PB - 1) / (64 * PB);
const int CV = CIN % 4 == 0 ? 4 : 1;
const int E = CV * CB;            // filter values of a step: CV channels x CB outputs
const int WV = COUT % 4 + CB % 4 == 0 ? 4 : 1; // of them a load reads
const int R = (E / WV + SG - 1) / SG; // loads of them by each invocation

void main() {
    int co0 = int(gl_WorkGroupID.y) * CB;
    int lane = shareLane();
    float guard = shareGuard();
    for (int blk = int(gl_WorkGroupID.x); blk < BLOCKS; blk += int(gl_NumWorkGroups.x)) {
        int p0 = (blk * 64 + int(gl_LocalInvocationID.x)) * PB;
        int n[PB], iy0[PB], ix0[PB];
        [[unroll]] for (int j = 0; j < PB; j++) {
            int p = min(p0 + j, PIXELS - 1);
            n[j] = p / (OH * OW);
            iy0[j] = (p / OW) % OH * S - PAD_T;
            ix0[j] = p % OW * S - PAD_L;
        }
        float acc[PB][CB];
        [[unroll]] for (int j = 0; j < PB; j++) {
            [[unroll]] for (int k = 0; k < CB; k++) {
                acc[j][k] = 0.0;
            }
        }
        for (int ky = 0; ky < K; ky++) {
            for (int kx = 0; kx < K; kx++) {
                int xi[PB];
                bool inside[PB];
                [[unroll]] for (int j = 0; j < PB; j++) {
                    int iy = iy0[j] + ky, ix = ix0[j] + kx;
                    inside[j] = iy >= 0 && iy < H && ix >= 0 && ix < W;
                    xi[j] = inside[j] ? inIndex(n[j], iy, ix, 0) : 0;
                }
                int wi = filterIndex(ky, kx, 0, co0);
                for (int ci = 0; ci < CIN; ci += CV) {
                    vec4 xv[PB];
                    [[unroll]] for (int j = 0; j < PB; j++) {
                        xv[j] = CV == 4 ? READ4(X, (xi[j] + ci) / 4) : vec4(READ1(X, xi[j] + ci), 0.0, 0.0, 0.0);
                        xv[j] = inside[j] ? xv[j] : vec4(0.0);
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
                if (p0 + j < PIXELS && co0 + k < COUT) {
                    y[(p0 + j) * COUT + co0 + k] = acc[j][k] + guard;
                }
            }
        }
    }
}
