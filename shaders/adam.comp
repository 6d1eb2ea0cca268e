#version 450
// adam: one Adam step over a whole parameter buffer in Keras' form
// (nn/op.Adam), with lr_t read from word LR_SLOT of the step parameters:
//   m = β1·m + (1-β1)·g;  v = β2·v + (1-β2)·g²;  w -= lr_t·m/(sqrt(v)+ε)
// One invocation per four parameters: vec4s, floats for the tail.
#include "elementwise.glsl"

layout(constant_id = 1) const uint LR_SLOT = 0;    // PARAM_LR_GEN or PARAM_LR_DISC
layout(constant_id = 2) const float BETA1 = 0.9;
layout(constant_id = 3) const float BETA2 = 0.999;
layout(constant_id = 4) const float EPS = 1e-7;

layout(std430, binding = 0) readonly buffer Params { uint params[]; };
layout(std430, binding = 1) readonly buffer BufG { float g[]; };
layout(std430, binding = 1) readonly buffer BufG4 { vec4 g4[]; };
layout(std430, binding = 2) buffer BufW { float w[]; };
layout(std430, binding = 2) buffer BufW4 { vec4 w4[]; };
layout(std430, binding = 3) buffer BufM { float m[]; };
layout(std430, binding = 3) buffer BufM4 { vec4 m4[]; };
layout(std430, binding = 4) buffer BufV { float v[]; };
layout(std430, binding = 4) buffer BufV4 { vec4 v4[]; };

void main() {
    uint q = elementIndex();
    if (4 * q >= N) {
        return;
    }
    float lr = uintBitsToFloat(params[LR_SLOT]);
    if (4 * q + 4 <= N) {
        vec4 gi = g4[q];
        vec4 mi = BETA1 * m4[q] + (1.0 - BETA1) * gi;
        vec4 vi = BETA2 * v4[q] + (1.0 - BETA2) * (gi * gi);
        m4[q] = mi;
        v4[q] = vi;
        w4[q] -= lr * mi / (sqrt(vi) + EPS);
        return;
    }
    for (uint i = 4 * q; i < N; i++) {
        float gi = g[i];
        float mi = BETA1 * m[i] + (1.0 - BETA1) * gi;
        float vi = BETA2 * v[i] + (1.0 - BETA2) * (gi * gi);
        m[i] = mi;
        v[i] = vi;
        w[i] -= lr * mi / (sqrt(vi) + EPS);
    }
}
