#version 450
// batchnorm_normalize: y = gamma·(x - mean)/sqrt(var + EPS) + beta over
// X[ROWS, C], N = ROWS*C, with given per-column statistics: the moving ones
// in inference mode (nn/op.BatchNormInfer), the batch's from
// batchnorm_train_fwd.comp in training mode (nn/op.BatchNormTrain). One
// invocation per four elements: vec4s where C is a multiple of 4, floats
// otherwise.
#include "elementwise.glsl"

layout(constant_id = 1) const uint C = 1;
layout(constant_id = 2) const uint EPS_BITS = 0;

layout(std430, binding = 0) readonly buffer BufX { float x[]; };
layout(std430, binding = 0) readonly buffer BufX4 { vec4 x4[]; };
layout(std430, binding = 1) readonly buffer BufGamma { float gamma[]; };
layout(std430, binding = 2) readonly buffer BufBeta { float beta[]; };
layout(std430, binding = 3) readonly buffer BufMean { float mean[]; };
layout(std430, binding = 4) readonly buffer BufVar { float var[]; };
layout(std430, binding = 5) writeonly buffer BufY { float y[]; };
layout(std430, binding = 5) writeonly buffer BufY4 { vec4 y4[]; };

float normalize1(float v, uint c) {
    float scale = gamma[c] * inversesqrt(var[c] + uintBitsToFloat(EPS_BITS));
    return (v - mean[c]) * scale + beta[c];
}

void main() {
    uint q = elementIndex();
    if (C % 4 == 0 && 4 * q < N) {
        vec4 v = x4[q];
        uint c = 4 * q % C;
        y4[q] = vec4(normalize1(v.x, c), normalize1(v.y, c + 1), normalize1(v.z, c + 2), normalize1(v.w, c + 3));
        return;
    }
    for (uint i = 4 * q; i < min(4 * q + 4, N); i++) {
        y[i] = normalize1(x[i], i % C);
    }
}
