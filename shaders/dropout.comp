#version 450
// Inverted dropout (nn/op.Dropout), forward and backward alike: dst[i] =
// src[i]·scale where element i of stream STREAM is kept at this step, that is
// where bits24 of word i%4 of the stream's block i/4 >= THRESHOLD, else 0.
// Compiled twice: dropout_fwd (out from in) and dropout_bwd (dx from dy,
// the same linear map, its mask recomputed from the same stream).
// One invocation per block, four elements, read and written as a vec4
// (floats in the tail).
#include "elementwise.glsl"

layout(constant_id = 2) const uint THRESHOLD = 0;  // op.DropThreshold(rate)
layout(constant_id = 3) const float SCALE = 1.0; // op.DropScale(rate)

layout(std430, binding = 0) readonly buffer BufSrc { float src[]; };
layout(std430, binding = 0) readonly buffer BufSrc4 { vec4 src4[]; };
layout(std430, binding = 1) readonly buffer Params { uint params[]; };
layout(std430, binding = 2) buffer BufDst { float dst[]; };
layout(std430, binding = 2) buffer BufDst4 { vec4 dst4[]; };

#include "step_random.glsl"

void main() {
    uint q = elementIndex();
    if (4 * q >= N) {
        return;
    }
    bvec4 keep = greaterThanEqual(stepBlock(q) >> 8, uvec4(THRESHOLD));
    float scale = SCALE;
    if (4 * q + 4 <= N) {
        vec4 v = src4[q] * scale;
        dst4[q] = vec4(keep.x ? v.x : 0.0, keep.y ? v.y : 0.0, keep.z ? v.z : 0.0, keep.w ? v.w : 0.0);
        return;
    }
    for (uint j = 0; j < 4 && 4 * q + j < N; j++) {
        dst[4 * q + j] = keep[j] ? src[4 * q + j] * scale : 0.0;
    }
}
