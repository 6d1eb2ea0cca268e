#version 450
// batchnorm_bwd_dx: the input gradient of training-mode batch normalisation
// over [ROWS, C], N = ROWS*C (nn/op/batchnorm.go, BatchNormBwd), from the
// parameter gradients of batchnorm_bwd.comp:
//   dx = gamma·istd · (dy - (dbeta + (x-mean)·istd·dgamma)/ROWS), istd = 1/sqrt(var+EPS).
// One invocation per four elements: vec4s where C is a multiple of 4,
// floats otherwise.
#include "elementwise.glsl"

layout(constant_id = 1) const uint C = 1;
layout(constant_id = 2) const uint EPS_BITS = 0;

layout(std430, binding = 0) readonly buffer BufX { float x[]; };
layout(std430, binding = 0) readonly buffer BufX4 { vec4 x4[]; };
layout(std430, binding = 1) readonly buffer BufDY { float dy[]; };
layout(std430, binding = 1) readonly buffer BufDY4 { vec4 dy4[]; };
layout(std430, binding = 2) readonly buffer BufGamma { float gamma[]; };
layout(std430, binding = 3) readonly buffer BufMean { float mean[]; };
layout(std430, binding = 4) readonly buffer BufVar { float var[]; };
layout(std430, binding = 5) readonly buffer BufDGamma { float dgamma[]; };
layout(std430, binding = 6) readonly buffer BufDBeta { float dbeta[]; };
layout(std430, binding = 7) writeonly buffer BufDX { float dx[]; };
layout(std430, binding = 7) writeonly buffer BufDX4 { vec4 dx4[]; };

const uint ROWS = N / C;

float dx1(float xv, float g, uint c) {
    float istd = inversesqrt(var[c] + uintBitsToFloat(EPS_BITS));
    return gamma[c] * istd * (g - (dbeta[c] + (xv - mean[c]) * istd * dgamma[c]) / float(ROWS));
}

void main() {
    uint q = elementIndex();
    if (C % 4 == 0 && 4 * q < N) {
        vec4 v = x4[q], g = dy4[q];
        uint c = 4 * q % C;
        dx4[q] = vec4(dx1(v.x, g.x, c), dx1(v.y, g.y, c + 1), dx1(v.z, g.z, c + 2), dx1(v.w, g.w, c + 3));
        return;
    }
    for (uint i = 4 * q; i < min(4 * q + 4, N); i++) {
        dx[i] = dx1(x[i], dy[i], i % C);
    }
}
