#version 450
#extension GL_EXT_control_flow_attributes : require
#extension GL_KHR_shader_subgroup_shuffle : require
// winograd_gemm: the products of the Winograd positions
// (nn/vkexec/winograd.go), for each position p (grid x):
//   c[p][r][j] = Σ_k a[p][r][k] · b[p][k][j]
// a [P][ROWS][KD] (or [P][KD][ROWS] with TRANSPOSE_A), b [P][KD][NC],
// c [P][ROWS][NC], KD, NC, CHUNK and CB multiples of 4, ROWS too with
// TRANSPOSE_A (the transforms pad with zeros). With one position it is a
// plain product (the Dense layers', nn/vkexec/matmul.go; im2col's,
// nn/vkexec/im2col.go). Blocked as conv2d_fwd is: a workgroup owns one
// position and CB columns, each invocation PB rows x CB columns in
// registers, the sum in a fixed order, KS of k a step: KS/4 vec4s of a per
// row, or with TRANSPOSE_A one per 4 rows and k (PB a multiple of 4). The b
// values of a step are the same for all invocations and loaded shared
// (subgroup_share.glsl). No shared memory, no barriers. Grid: (positions,
// column blocks, row blocks), looping past 65535.
layout(local_size_x_id = 12) in;

#include "subgroup_share.glsl"
#include "reads.glsl"
layout(constant_id = 1) const int ROWS = 4;
layout(constant_id = 2) const int KD = 4;
layout(constant_id = 3) const int NC = 4;
layout(constant_id = 4) const bool TRANSPOSE_A = false;
// The sum goes in parts of CHUNK of k (a multiple of 4), each summed on its
// own and then added to the total in order, so that no float32 sum is
// long: the filter gradient sums over every tile of the batch.
layout(constant_id = 5) const int CHUNK = 4;
// KS of k a step (4 or 8; KD and CHUNK are multiples of it).
layout(constant_id = 6) const int KS = 4;
layout(constant_id = 10) const int PB = 4;
layout(constant_id = 11) const int CB = 32;

READ_BUFFER(0, A); // vec4s
READ_BUFFER(1, B); // vec4s
layout(std430, binding = 2) writeonly buffer BufC { vec4 c4[]; };

const int LOCAL = int(gl_WorkGroupSize.x);
const int ROW_BLOCKS = (ROWS + LOCAL * PB - 1) / (LOCAL * PB);
const int QV = (PB + 3) / 4;                   // with TRANSPOSE_A, vec4s of a a k
const int AV = TRANSPOSE_A ? KS * QV : PB * KS / 4; // vec4 loads of a a step
const int E = KS * CB;                 // b values of a step: KS of k x CB columns
const int R = (E / 4 + SG - 1) / SG; // vec4 loads of them by each invocation

void main() {
    int p = int(gl_WorkGroupID.x);
    int j0 = int(gl_WorkGroupID.y) * CB;
    int lane = shareLane();
    float guard = shareGuard();
    for (int rb = int(gl_WorkGroupID.z); rb < ROW_BLOCKS; rb += int(gl_NumWorkGroups.z)) {
        int r0 = (rb * LOCAL + int(gl_LocalInvocationID.x)) * PB;
        // Rows past ROWS read the last one and are not stored.
        int ai[PB];
        float acc[PB][CB];
        [[unroll]] for (int i = 0; i < PB; i++) {
            ai[i] = (p * ROWS + min(r0 + i, ROWS - 1)) * KD;
            [[unroll]] for (int j = 0; j < CB; j++) {
                acc[i][j] = 0.0;
            }
        }
        for (int k0 = 0; k0 < KD; k0 += CHUNK) {
            float part[PB][CB];
            [[unroll]] for (int i = 0; i < PB; i++) {
                [[unroll]] for (int j = 0; j < CB; j++) {
                    part[i][j] = 0.0;
                }
            }
            for (int k = k0; k < min(k0 + CHUNK, KD); k += KS) {
                vec4 av[AV];
                // Row r0 + i at k + q is av[q * QV + i/4][i%4] with TRANSPOSE_A,
                // else av[i * KS/4 + q/4][q%4].
                [[unroll]] for (int v = 0; v < AV; v++) {
                    av[v] = TRANSPOSE_A ? READ4(A, ((p * KD + k + v / QV) * ROWS + min(r0 + 4 * (v % QV), ROWS - 4)) / 4)
                                        : READ4(A, (ai[v / (KS / 4)] + k + 4 * (v % (KS / 4))) / 4);
                }
                // Element e of the step is b[p][k + e/CB][j0 + e%CB].
                vec4 reg[R];
                [[unroll]] for (int s = 0; s < R; s++) {
                    int e = min(s * SG + lane, E / 4 - 1) * 4;
                    reg[s] = READ4(B, ((p * KD + k + e / CB) * NC + min(j0 + e % CB, NC - 4)) / 4);
                }
                // Column by column, so that each sum takes its KS terms while
                // it is in a register.
                [[unroll]] for (int j = 0; j < CB; j++) {
                    [[unroll]] for (int q = 0; q < KS; q++) {
                        float bv = SHARED(reg, q * CB + j, 4);
                        [[unroll]] for (int i = 0; i < PB; i++) {
                            part[i][j] += (TRANSPOSE_A ? av[q * QV + i / 4][i % 4] : av[i * (KS / 4) + q / 4][q % 4]) * bv;
                        }
                    }
                }
            }
            [[unroll]] for (int i = 0; i < PB; i++) {
                [[unroll]] for (int j = 0; j < CB; j++) {
                    acc[i][j] += part[i][j];
                }
            }
        }
        [[unroll]] for (int i = 0; i < PB; i++) {
            [[unroll]] for (int j = 0; j < CB; j += 4) {
                if (r0 + i < ROWS && j0 + j < NC) {
                    c4[((p * ROWS + r0 + i) * NC + j0 + j) / 4] =
                        vec4(acc[i][j], acc[i][j + 1], acc[i][j + 2], acc[i][j + 3]) + guard;
                }
            }
        }
    }
}
