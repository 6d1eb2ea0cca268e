#version 450
// batchnorm_bwd_dx: the input gradient of training-mode batch normalisation
// over [ROWS, C], N = ROWS*C (nn/op/batchnorm.go, BatchNormBwd), from the
// parameter gradients of batchnorm_bwd.comp:
//   dx = gamma·istd · (dy - (dbeta + (x-mean)·istd·dgamma)/ROWS), istd = 1/sqrt(var+EPS).
// One invocation per four elements: vec4s where C is a multiple of 4,
// floats otherwise.
#include "elementwise.glsl"

layout(constant_id = 1) const uint C = 1;
layout(constant_id = 2) const float EPS = 1e-3;

layout(std430, binding = 0) readonly buffer BufX { float x[]; };
layout(std430, binding = 0) readonly buffer BufX4 { vec4 x4[]; };
layout(std430, binding = 1) readonly buffer BufDY { float dy[]; };
layout(std430, binding = 1) readonly buffer BufDY4 { vec4 dy4[]; };
layout(std430, binding = 2) readonly buffer BufGamma { float gamma[]; };
layout(std430, binding = 2) readonly buffer BufGamma4 { vec4 gamma4[]; };
layout(std430, binding = 3) readonly buffer BufMean { float mean[]; };
layout(std430, binding = 3) readonly buffer BufMean4 { vec4 mean4[]; };
layout(std430, binding = 4) readonly buffer BufVar { float var[]; };
layout(std430, binding = 4) readonly buffer BufVar4 { vec4 var4[]; };
layout(std430, binding = 5) readonly buffer BufDGamma { float dgamma[]; };
layout(std430, binding = 5) readonly buffer BufDGamma4 { vec4 dgamma4[]; };
layout(std430, binding = 6) readonly buffer BufDBeta { float dbeta[]; };
layout(std430, binding = 6) readonly buffer BufDBeta4 { vec4 dbeta4[]; };
layout(std430, binding = 7) writeonly buffer BufDX { float dx[]; };
layout(std430, binding = 7) writeonly buffer BufDX4 { vec4 dx4[]; };

const uint ROWS = N / C;

void main() {
    uint q = elementIndex();
    float eps = EPS;
    if (C % 4 == 0 && 4 * q < N) {
        uint c4 = 4 * q % C / 4;
        vec4 istd = inversesqrt(var4[c4] + eps);
        dx4[q] = gamma4[c4] * istd * (dy4[q] - (dbeta4[c4] + (x4[q] - mean4[c4]) * istd * dgamma4[c4]) / float(ROWS));
        return;
    }
    for (uint i = 4 * q; i < min(4 * q + 4, N); i++) {
        uint c = i % C;
        float istd = inversesqrt(var[c] + eps);
        dx[i] = gamma[c] * istd * (dy[i] - (dbeta[c] + (x[i] - mean[c]) * istd * dgamma[c]) / float(ROWS));
    }
}
