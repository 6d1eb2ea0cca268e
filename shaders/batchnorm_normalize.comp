#version 450
// batchnorm_normalize: y = gamma·(x - mean)/sqrt(var + EPS) + beta over
// X[ROWS, C], N = ROWS*C, with given per-column statistics: the moving ones
// in inference mode (nn/op.BatchNormInfer), the batch's from
// batchnorm_train_fwd.comp in training mode (nn/op.BatchNormTrain). One
// invocation per four elements: vec4s where C is a multiple of 4, floats
// otherwise.
#include "elementwise.glsl"

layout(constant_id = 1) const uint C = 1;
layout(constant_id = 2) const float EPS = 1e-3;

layout(std430, binding = 0) readonly buffer BufX { float x[]; };
layout(std430, binding = 0) readonly buffer BufX4 { vec4 x4[]; };
layout(std430, binding = 1) readonly buffer BufGamma { float gamma[]; };
layout(std430, binding = 1) readonly buffer BufGamma4 { vec4 gamma4[]; };
layout(std430, binding = 2) readonly buffer BufBeta { float beta[]; };
layout(std430, binding = 2) readonly buffer BufBeta4 { vec4 beta4[]; };
layout(std430, binding = 3) readonly buffer BufMean { float mean[]; };
layout(std430, binding = 3) readonly buffer BufMean4 { vec4 mean4[]; };
layout(std430, binding = 4) readonly buffer BufVar { float var[]; };
layout(std430, binding = 4) readonly buffer BufVar4 { vec4 var4[]; };
layout(std430, binding = 5) writeonly buffer BufY { float y[]; };
layout(std430, binding = 5) writeonly buffer BufY4 { vec4 y4[]; };

void main() {
    uint q = elementIndex();
    float eps = EPS;
    if (C % 4 == 0 && 4 * q < N) {
        uint c4 = 4 * q % C / 4;
        vec4 scale = gamma4[c4] * inversesqrt(var4[c4] + eps);
        y4[q] = (x4[q] - mean4[c4]) * scale + beta4[c4];
        return;
    }
    for (uint i = 4 * q; i < min(4 * q + 4, N); i++) {
        uint c = i % C;
        float scale = gamma[c] * inversesqrt(var[c] + eps);
        y[i] = (x[i] - mean[c]) * scale + beta[c];
    }
}
