#version 450
#extension GL_EXT_control_flow_attributes : require
#extension GL_KHR_shader_subgroup_shuffle : require
// conv2d_bwd_filter: the filter gradient of conv2d_fwd (nn/op.Conv2DBwdFilter),
// plus the old dw when ACCUMULATE:
//   dw[ky,kx,ci,co] = Σ_{n,oy,ox} x[n, oy*S+ky-PAD_T, ox*S+kx-PAD_L, ci] · dy[n,oy,ox,co]
// Each invocation owns a block of KB taps of filter row ky x CIB input
// channels x 4·CO output channels (CO vec4s of dy) and sums over all n, oy, ox
// in a fixed order: per image in float32 registers, then the images' sums in
// order, so the result is deterministic and each float32 sum is short. The
// invocations of a workgroup differ only in their output channels, so the
// block's inputs at a pixel are the same for all of them and loaded shared
// (subgroup_share.glsl). Grid: (output channel groups, input channel blocks,
// tap blocks). No shared memory, no barriers.
layout(local_size_x_id = 12) in;

#include "conv_common.glsl"
#include "subgroup_share.glsl"
#include "reads.glsl"
layout(constant_id = 10) const int KB = 1;
layout(constant_id = 11) const int CIB = 64;
layout(constant_id = 13) const bool ACCUMULATE = false;
layout(constant_id = 14) const int CO = 1; // vec4s of output channels per invocation
// The images [N_BEGIN, N_END) this dispatch sums over: the host splits the
// batch so that no invocation passes lavapipe's 65535 loop iterations.
layout(constant_id = 15) const int N_BEGIN = 0;
layout(constant_id = 16) const int N_END = 1;

READ_BUFFER(0, X);  // vec4s when XV is 4, else floats
READ_BUFFER(1, DY); // vec4s when COUT is a multiple of 4, else floats
layout(std430, binding = 2) buffer BufDW { float dw[]; };

const int E = KB * CIB;           // inputs of a pixel: element e is tap kx0 + e/CIB, channel ci0 + e%CIB
const int XV = CONST_REM(CIN, 4) + CONST_REM(CIB, 4) == 0 ? 4 : 1; // of them a load reads
const int R = (E / XV + SG - 1) / SG; // loads of them by each invocation

// loadDY reads dy[n,oy,ox,co0..co0+3], channels past COUT clamped.
vec4 loadDY(int n, int oy, int ox, int co0) {
    if (CONST_REM(COUT, 4) == 0) {
        return READ4(DY, outIndex(n, oy, ox, min(co0, COUT - 4)) / 4);
    }
    int i = outIndex(n, oy, ox, 0);
    return vec4(READ1(DY, i + min(co0, COUT - 1)), READ1(DY, i + min(co0 + 1, COUT - 1)),
                READ1(DY, i + min(co0 + 2, COUT - 1)), READ1(DY, i + min(co0 + 3, COUT - 1)));
}

// loadX reads elements e to e + XV - 1 of the block at output pixel
// (oy, ox), zero in the padding (taps and channels past the filter's
// clamped).
vec4 loadX(int n, int oy, int ox, int ky, int kx0, int ci0, int e) {
    int ix = ox * S + min(kx0 + e / CIB, K - 1) - PAD_L;
    int i = inIndex(n, oy * S + ky - PAD_T, clamp(ix, 0, W - 1), min(ci0 + e % CIB, CIN - XV));
    vec4 v = XV == 4 ? READ4(X, i / 4) : vec4(READ1(X, i), 0.0, 0.0, 0.0);
    return ix >= 0 && ix < W ? v : vec4(0.0);
}

void main() {
    const int kxBlocks = (K + KB - 1) / KB;
    int ky = int(gl_WorkGroupID.z) / kxBlocks;
    int kx0 = int(gl_WorkGroupID.z) % kxBlocks * KB;
    int ci0 = int(gl_WorkGroupID.y) * CIB;
    int co0 = int(gl_GlobalInvocationID.x) * 4 * CO;
    int lane = shareLane();
    // The output rows whose tap row ky lands inside the input, and the
    // columns where some tap of the block does.
    int oyLo = ky >= PAD_T ? 0 : (PAD_T - ky + S - 1) / S;
    int endY = H - 1 + PAD_T - ky;
    int oyHi = endY < 0 ? 0 : min(OH, endY / S + 1);
    int kxLast = min(kx0 + KB - 1, K - 1);
    int oxLo = kxLast >= PAD_L ? 0 : (PAD_L - kxLast + S - 1) / S;
    int endX = W - 1 + PAD_L - kx0;
    int oxHi = endX < 0 ? 0 : min(OW, endX / S + 1);
    vec4 total[E][CO];
    [[unroll]] for (int e = 0; e < E; e++) {
        [[unroll]] for (int c = 0; c < CO; c++) {
            total[e][c] = vec4(0.0);
        }
    }
    for (int n = N_BEGIN; n < N_END; n++) {
        vec4 part[E][CO];
        [[unroll]] for (int e = 0; e < E; e++) {
            [[unroll]] for (int c = 0; c < CO; c++) {
                part[e][c] = vec4(0.0);
            }
        }
        for (int oy = oyLo; oy < oyHi; oy++) {
            for (int ox = oxLo; ox < oxHi; ox++) {
                vec4 d[CO];
                [[unroll]] for (int c = 0; c < CO; c++) {
                    d[c] = loadDY(n, oy, ox, co0 + 4 * c);
                }
                vec4 reg[R];
                [[unroll]] for (int r = 0; r < R; r++) {
                    reg[r] = loadX(n, oy, ox, ky, kx0, ci0, min(r * SG + lane, E / XV - 1) * XV);
                }
                [[unroll]] for (int e = 0; e < E; e++) {
                    float xv = SHARED(reg, e, XV);
                    [[unroll]] for (int c = 0; c < CO; c++) {
                        part[e][c] += xv * d[c];
                    }
                }
            }
        }
        [[unroll]] for (int e = 0; e < E; e++) {
            [[unroll]] for (int c = 0; c < CO; c++) {
                total[e][c] += part[e][c];
            }
        }
    }
    float guard = shareGuard();
    [[unroll]] for (int e = 0; e < E; e++) {
        int kx = kx0 + e / CIB, ci = ci0 + e % CIB;
        [[unroll]] for (int k = 0; k < 4 * CO; k++) {
            if (kx < K && ci < CIN && co0 + k < COUT) {
                int i = filterIndex(ky, kx, ci, co0 + k);
                float g = total[e][k / 4][k % 4] + guard;
                dw[i] = ACCUMULATE ? dw[i] + g : g;
            }
        }
    }
}
