// matmul: C[M,N] = op(A) * op(B) (+ C when ACCUMULATE), float32, row-major.
// op(A) is A[M,K], or the transpose of A[K,M] when TRANS_A; op(B) is B[K,N],
// or the transpose of B[N,K] when TRANS_B. Each invocation computes a 4x4
// block of C from registers: no shared memory, no barriers.
layout(local_size_x = 16, local_size_y = 16) in;

layout(constant_id = 0) const uint M = 1;
layout(constant_id = 1) const uint N = 1;
layout(constant_id = 2) const uint K = 1;
layout(constant_id = 3) const uint TRANS_A = 0;
layout(constant_id = 4) const uint TRANS_B = 0;
layout(constant_id = 5) const uint ACCUMULATE = 0;

#include "reads.glsl"
READ_BUFFER(0, A); // floats
READ_BUFFER(1, B); // floats
layout(std430, binding = 2) buffer BufC { float c[]; };

float loadA(uint i, uint k) { return TRANS_A == 0 ? READ1(A, i * K + k) : READ1(A, k * M + i); }
float loadB(uint k, uint j) { return TRANS_B == 0 ? READ1(B, k * N + j) : READ1(B, j * K + k); }

void main() {
    uint row0 = gl_GlobalInvocationID.y * 4;
    uint col0 = gl_GlobalInvocationID.x * 4;
    if (row0 >= M || col0 >= N) {
        return;
    }
    // Rows and columns past the edge load a clamped index and are not stored.
    uint rows[4], cols[4];
    for (uint i = 0; i < 4; i++) {
        rows[i] = min(row0 + i, M - 1);
        cols[i] = min(col0 + i, N - 1);
    }
    float acc[4][4];
    for (uint i = 0; i < 4; i++) {
        for (uint j = 0; j < 4; j++) {
            acc[i][j] = 0.0;
        }
    }
    for (uint k = 0; k < K; k++) {
        float av[4], bv[4];
        for (uint i = 0; i < 4; i++) {
            av[i] = loadA(rows[i], k);
            bv[i] = loadB(k, cols[i]);
        }
        for (uint i = 0; i < 4; i++) {
            for (uint j = 0; j < 4; j++) {
                acc[i][j] += av[i] * bv[j];
            }
        }
    }
    for (uint i = 0; i < 4 && row0 + i < M; i++) {
        for (uint j = 0; j < 4 && col0 + j < N; j++) {
            uint idx = (row0 + i) * N + col0 + j;
            c[idx] = ACCUMULATE != 0 ? c[idx] + acc[i][j] : acc[i][j];
        }
    }
}
