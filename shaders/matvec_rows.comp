#version 450
// matvec_rows: c[r] = Σ_k a[r·K + k]·b[k] (+ c[r] when ACCUMULATE), a matrix
// A[M,K] times a vector, for GPUs: one workgroup per row (looping past the
// grid), whose 256 invocations read A's row together (adjacent invocations,
// adjacent addresses) and each sum k ≡ lane (mod 256) in order, then add
// their sums in a fixed tree, so the bits never change. D's logit
// (6272 → 1) is such a product: as the matmul kernel it would run as one
// workgroup.
layout(local_size_x = 256) in;

layout(constant_id = 0) const uint M = 1;
layout(constant_id = 1) const uint K = 1;
layout(constant_id = 2) const bool ACCUMULATE = false;

layout(std430, binding = 0) readonly buffer BufA { float a[]; };
layout(std430, binding = 1) readonly buffer BufB { float b[]; };
layout(std430, binding = 2) buffer BufC { float c[]; };

shared float partial[256];

void main() {
    uint l = gl_LocalInvocationID.x;
    for (uint r = gl_WorkGroupID.x; r < M; r += gl_NumWorkGroups.x) {
        float sum = 0.0;
        for (uint k = l; k < K; k += 256) {
            sum += a[r * K + k] * b[k];
        }
        partial[l] = sum;
        barrier();
        for (uint stride = 128; stride > 0; stride >>= 1) {
            if (l < stride) {
                partial[l] += partial[l + stride];
            }
            barrier();
        }
        if (l == 0) {
            c[r] = ACCUMULATE ? c[r] + partial[0] : partial[0];
        }
        barrier();
    }
}
