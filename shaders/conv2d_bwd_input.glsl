#extension GL_EXT_control_flow_attributes : require
#extension GL_KHR_shader_subgroup_shuffle : require
// conv2d_bwd_input: dx = ∂(Σ y·dy)/∂x of conv2d_fwd (nn/op.Conv2DBwdInput):
//   dx[n,iy,ix,ci] = Σ_{ky,kx,co} dy[n,oy,ox,co] · w[ky,kx,ci,co]
//                    over oy*S+ky-PAD_T = iy, ox*S+kx-PAD_L = ix
// The input pixels fall in S*S stride phases (iy mod S, ix mod S), the grid's
// z; all pixels of a phase take the same taps, so the tap loops are the
// same for the whole workgroup. Each invocation computes PB pixels of its
// phase x CB input channels in registers, looping over the taps and over the
// output channels CV at a time (4, one vec4 load per pixel, when COUT is a
// multiple of 4). The channel block is the workgroup's (grid y), so the
// filter values of a step are loaded shared (conv_common.glsl). No shared
// memory, no barriers; the grid's x loops over the pixel blocks.
layout(local_size_x = 64) in;

#include "conv_common.glsl"
#include "reads.glsl"
layout(constant_id = 10) const int PB = 8;
layout(constant_id = 11) const int CB = 32;

READ_BUFFER(0, DY); // vec4s when COUT is a multiple of 4, else floats
READ_BUFFER(1, Wt); // vec4s when CV is 4, else floats
layout(std430, binding = 2) writeonly buffer BufDX { float dx[]; };

// A phase's pixels: iy = qy*S + ry, ix = qx*S + rx for qy < OH, qx < OW
// (those past the image's edge are computed and not stored).
const int PHASE_PIXELS = N * OH * OW;
const int BLOCKS = (PHASE_PIXELS + 64 * PB - 1) / (64 * PB);
const int CV = COUT % 4 == 0 ? 4 : 1;
const int E = CB * CV;            // filter values of a step: CB inputs x CV channels
const int R = (E / CV + SG - 1) / SG; // loads of them (CV values each) by each invocation

void main() {
    int ci0 = int(gl_WorkGroupID.y) * CB;
    int ry = int(gl_WorkGroupID.z) / S, rx = int(gl_WorkGroupID.z) % S;
    int lane = shareLane();
    float guard = shareGuard();
    for (int blk = int(gl_WorkGroupID.x); blk < BLOCKS; blk += int(gl_NumWorkGroups.x)) {
        int p0 = (blk * 64 + int(gl_LocalInvocationID.x)) * PB;
        int n[PB], qy[PB], qx[PB];
        [[unroll]] for (int j = 0; j < PB; j++) {
            int p = min(p0 + j, PHASE_PIXELS - 1);
            n[j] = p / (OH * OW);
            qy[j] = (p / OW) % OH;
            qx[j] = p % OW;
        }
        float acc[PB][CB];
        [[unroll]] for (int j = 0; j < PB; j++) {
            [[unroll]] for (int k = 0; k < CB; k++) {
                acc[j][k] = 0.0;
            }
        }
        // The taps of the phase: ky ≡ ry + PAD_T (mod S), and then
        // oy = (iy + PAD_T - ky) / S = qy + (ry + PAD_T - ky) / S exactly.
        for (int ky = (ry + PAD_T) % S; ky < K; ky += S) {
            int dqy = (ry + PAD_T - ky) / S;
            for (int kx = (rx + PAD_L) % S; kx < K; kx += S) {
                int dqx = (rx + PAD_L - kx) / S;
                int di[PB];
                bool inside[PB];
                [[unroll]] for (int j = 0; j < PB; j++) {
                    int oy = qy[j] + dqy, ox = qx[j] + dqx;
                    inside[j] = oy >= 0 && oy < OH && ox >= 0 && ox < OW;
                    di[j] = inside[j] ? outIndex(n[j], oy, ox, 0) : 0;
                }
                int wi = filterIndex(ky, kx, ci0, 0);
                for (int co = 0; co < COUT; co += CV) {
                    vec4 dv[PB];
                    [[unroll]] for (int j = 0; j < PB; j++) {
                        dv[j] = CV == 4 ? READ4(DY, (di[j] + co) / 4) : vec4(READ1(DY, di[j] + co), 0.0, 0.0, 0.0);
                        dv[j] = inside[j] ? dv[j] : vec4(0.0);
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
            int iy = qy[j] * S + ry, ix = qx[j] * S + rx;
            [[unroll]] for (int k = 0; k < CB; k++) {
                if (p0 + j < PHASE_PIXELS && iy < H && ix < W && ci0 + k < CIN) {
                    dx[inIndex(n[j], iy, ix, ci0 + k)] = acc[j][k] + guard;
                }
            }
        }
    }
}
