// Inverted dropout (nn/op.Dropout), forward and backward alike: dst[i] =
// src[i]·scale where element i of stream STREAM is kept at this step, that is
// where bits24 of its block's first word >= THRESHOLD, else 0.
#include "elementwise.glsl"

layout(constant_id = 2) const uint THRESHOLD = 0;  // op.DropThreshold(rate)
layout(constant_id = 3) const uint SCALE_BITS = 0; // float32 bits of op.DropScale(rate)

layout(std430, binding = 0) readonly buffer BufSrc { float src[]; };
layout(std430, binding = 1) readonly buffer Params { uint params[]; };
layout(std430, binding = 2) buffer BufDst { float dst[]; };

#include "step_random.glsl"

void main() {
    uint i = elementIndex();
    if (i < N) {
        bool keep = bits24(stepBlock(i).x) >= THRESHOLD;
        dst[i] = keep ? src[i] * uintBitsToFloat(SCALE_BITS) : 0.0;
    }
}
