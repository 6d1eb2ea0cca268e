#version 450
// adam: one Adam step over a whole parameter buffer in Keras' form
// (nn/op.Adam), with lr_t read from word LR_SLOT of the step parameters:
//   m = β1·m + (1-β1)·g;  v = β2·v + (1-β2)·g²;  w -= lr_t·m/(sqrt(v)+ε)
#include "elementwise.glsl"

layout(constant_id = 1) const uint LR_SLOT = 0;    // PARAM_LR_GEN or PARAM_LR_DISC
layout(constant_id = 2) const float BETA1 = 0.9;
layout(constant_id = 3) const float BETA2 = 0.999;
layout(constant_id = 4) const float EPS = 1e-7;

layout(std430, binding = 0) readonly buffer Params { uint params[]; };
layout(std430, binding = 1) readonly buffer BufG { float g[]; };
layout(std430, binding = 2) buffer BufW { float w[]; };
layout(std430, binding = 3) buffer BufM { float m[]; };
layout(std430, binding = 4) buffer BufV { float v[]; };

void main() {
    uint i = elementIndex();
    if (i >= N) {
        return;
    }
    float gi = g[i];
    float mi = BETA1 * m[i] + (1.0 - BETA1) * gi;
    float vi = BETA2 * v[i] + (1.0 - BETA2) * (gi * gi);
    m[i] = mi;
    v[i] = vi;
    w[i] -= uintBitsToFloat(params[LR_SLOT]) * mi / (sqrt(vi) + EPS);
}
