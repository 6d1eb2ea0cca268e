#version 450
// adam: one Adam step over a whole parameter buffer in Keras' form
// (nn/op.Adam), with lr_t read from word LR_SLOT of the step parameters:
//   m = β1·m + (1-β1)·g;  v = β2·v + (1-β2)·g²;  w -= lr_t·m/(sqrt(v)+ε)
#include "elementwise.glsl"

layout(constant_id = 1) const uint LR_SLOT = 0;    // PARAM_LR_GEN or PARAM_LR_DISC
layout(constant_id = 2) const uint BETA1_BITS = 0; // float32 bits of β1, β2, ε
layout(constant_id = 3) const uint BETA2_BITS = 0;
layout(constant_id = 4) const uint EPS_BITS = 0;

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
    float beta1 = uintBitsToFloat(BETA1_BITS);
    float beta2 = uintBitsToFloat(BETA2_BITS);
    float gi = g[i];
    float mi = beta1 * m[i] + (1.0 - beta1) * gi;
    float vi = beta2 * v[i] + (1.0 - beta2) * (gi * gi);
    m[i] = mi;
    v[i] = vi;
    w[i] -= uintBitsToFloat(params[LR_SLOT]) * mi / (sqrt(vi) + uintBitsToFloat(EPS_BITS));
}
