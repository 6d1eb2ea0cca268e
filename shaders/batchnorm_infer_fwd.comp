#version 450
// batchnorm_infer_fwd: batch normalisation in inference mode over X[ROWS, C],
// N = ROWS*C (nn/op/batchnorm.go, BatchNormInfer), with the moving statistics:
// y = gamma·(x - movingMean)/sqrt(movingVar + EPS) + beta.
#include "elementwise.glsl"

layout(constant_id = 1) const uint C = 1;
layout(constant_id = 2) const uint EPS_BITS = 0;

layout(std430, binding = 0) readonly buffer BufX { float x[]; };
layout(std430, binding = 1) readonly buffer BufGamma { float gamma[]; };
layout(std430, binding = 2) readonly buffer BufBeta { float beta[]; };
layout(std430, binding = 3) readonly buffer BufMovingMean { float movingMean[]; };
layout(std430, binding = 4) readonly buffer BufMovingVar { float movingVar[]; };
layout(std430, binding = 5) writeonly buffer BufY { float y[]; };

void main() {
    uint i = elementIndex();
    if (i >= N) {
        return;
    }
    uint c = i % C;
    float scale = gamma[c] * inversesqrt(movingVar[c] + uintBitsToFloat(EPS_BITS));
    y[i] = (x[i] - movingMean[c]) * scale + beta[c];
}
