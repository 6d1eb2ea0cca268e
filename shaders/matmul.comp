#version 450
#extension GL_EXT_control_flow_attributes : require
// matmul: C[M,N] = op(A) * op(B) (+ C when ACCUMULATE), float32, row-major.
// op(A) is A[M,K], or the transpose of A[K,M] when TRANS_A; op(B) is B[K,N],
// or the transpose of B[N,K] when TRANS_B. Each invocation computes TM rows
// x 4 columns of C in registers, looping over K four at a time: it reads
// vec4s of B along its columns (or along K for Bᵀ) and vec4s of A along K
// (or along its rows for Aᵀ) where the sizes allow, floats otherwise. The
// invocations of a workgroup share their rows, so their A reads are the
// same. No shared memory, no barriers.
layout(local_size_x = 64) in;

layout(constant_id = 0) const uint M = 1;
layout(constant_id = 1) const uint N = 1;
layout(constant_id = 2) const uint K = 1;
layout(constant_id = 3) const bool TRANS_A = false;
layout(constant_id = 4) const bool TRANS_B = false;
layout(constant_id = 5) const bool ACCUMULATE = false;
layout(constant_id = 6) const uint TM = 4;

#include "reads.glsl"
READ_BUFFER(0, A); // vec4s when AV is 4, else floats
READ_BUFFER(1, B); // vec4s when BV is 4, else floats
layout(std430, binding = 2) buffer BufC { float c[]; };

// AV and BV are 4 when A and B are read as vec4s: along K (A) or the rows
// (Aᵀ), along the columns (B) or along K (Bᵀ).
const uint AV = !TRANS_A ? (K % 4 == 0 ? 4 : 1) : (M % 4 + TM % 4 == 0 ? 4 : 1);
const uint BV = !TRANS_B ? (N % 4 == 0 ? 4 : 1) : (K % 4 == 0 ? 4 : 1);

float loadA(uint i, uint k) { return !TRANS_A ? READ1(A, i * K + k) : READ1(A, k * M + i); }
float loadB(uint k, uint j) { return !TRANS_B ? READ1(B, k * N + j) : READ1(B, j * K + k); }

void main() {
    uint col0 = gl_GlobalInvocationID.x * 4;
    uint row0 = gl_WorkGroupID.y * TM;
    if (col0 >= N) {
        return;
    }
    // Rows and columns past the edge read a clamped index and are not
    // stored; steps past K read a clamped index too, and zeros of B.
    uint rows[TM], cols[4];
    [[unroll]] for (uint i = 0; i < TM; i++) {
        rows[i] = min(row0 + i, M - 1);
    }
    [[unroll]] for (uint j = 0; j < 4; j++) {
        cols[j] = min(col0 + j, N - 1);
    }
    vec4 acc[TM];
    [[unroll]] for (uint i = 0; i < TM; i++) {
        acc[i] = vec4(0.0);
    }
    for (uint k0 = 0; k0 < K; k0 += 4) {
        // bv[kk] is row k0 + kk of op(B) at the four columns.
        vec4 bv[4];
        [[unroll]] for (uint kk = 0; kk < 4; kk++) {
            uint k = min(k0 + kk, K - 1);
            if (BV == 4 && !TRANS_B) {
                bv[kk] = READ4(B, (k * N + col0) / 4);
            } else if (BV == 1) {
                bv[kk] = vec4(loadB(k, cols[0]), loadB(k, cols[1]), loadB(k, cols[2]), loadB(k, cols[3]));
            }
        }
        if (BV == 4 && TRANS_B) {
            [[unroll]] for (uint j = 0; j < 4; j++) {
                vec4 v = READ4(B, (cols[j] * K + k0) / 4);
                [[unroll]] for (uint kk = 0; kk < 4; kk++) {
                    bv[kk][j] = v[kk];
                }
            }
        }
        [[unroll]] for (uint kk = 0; kk < 4; kk++) {
            bv[kk] = k0 + kk < K ? bv[kk] : vec4(0.0);
        }
        if (AV == 4 && TRANS_A) {
            [[unroll]] for (uint kk = 0; kk < 4; kk++) {
                // Steps past K (zeros of B) read row K - 1: within A.
                uint k = min(k0 + kk, K - 1);
                [[unroll]] for (uint i = 0; i < TM; i += 4) {
                    vec4 av = READ4(A, (k * M + rows[i]) / 4);
                    [[unroll]] for (uint r = 0; r < 4; r++) {
                        acc[i + r] += av[r] * bv[kk];
                    }
                }
            }
        } else {
            [[unroll]] for (uint i = 0; i < TM; i++) {
                vec4 av = AV == 4 ? READ4(A, (rows[i] * K + k0) / 4)
                                  : vec4(loadA(rows[i], min(k0, K - 1)), loadA(rows[i], min(k0 + 1, K - 1)),
                                         loadA(rows[i], min(k0 + 2, K - 1)), loadA(rows[i], min(k0 + 3, K - 1)));
                [[unroll]] for (uint kk = 0; kk < 4; kk++) {
                    acc[i] += av[kk] * bv[kk];
                }
            }
        }
    }
    [[unroll]] for (uint i = 0; i < TM; i++) {
        [[unroll]] for (uint j = 0; j < 4; j++) {
            if (row0 + i < M && col0 + j < N) {
                uint idx = (row0 + i) * N + col0 + j;
                c[idx] = ACCUMULATE ? c[idx] + acc[i][j] : acc[i][j];
            }
        }
    }
}
