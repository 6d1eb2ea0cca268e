#version 450
// dropout_leaky_bwd: the gradient through bias_leaky_dropout's dropout and
// LeakyReLU (nn/op.DropoutLeakyBwd), from its output y: dx[i] = keep(i) ?
// (y[i] > 0 ? dy[i]·SCALE : SLOPE·(dy[i]·SCALE)) : 0. One invocation per
// four elements (one Philox block), vec4s read and written, floats in the
// tail.
#include "elementwise.glsl"

layout(constant_id = 2) const float SLOPE = 0.3;
layout(constant_id = 3) const uint THRESHOLD = 0; // op.DropThreshold(rate)
layout(constant_id = 4) const float SCALE = 1.0;  // op.DropScale(rate)
// Elements from SECOND_FROM on (a multiple of 4; N for a single part) draw
// from SECOND_STREAM, counting from SECOND_FROM: two batches masked as two.
layout(constant_id = 5) const uint SECOND_STREAM = 0;
layout(constant_id = 6) const uint SECOND_FROM = 0;

layout(std430, binding = 0) readonly buffer BufY { float y[]; };
layout(std430, binding = 0) readonly buffer BufY4 { vec4 y4[]; };
layout(std430, binding = 1) readonly buffer BufDY { float dy[]; };
layout(std430, binding = 1) readonly buffer BufDY4 { vec4 dy4[]; };
layout(std430, binding = 2) readonly buffer Params { uint params[]; };
layout(std430, binding = 3) writeonly buffer BufDX { float dx[]; };
layout(std430, binding = 3) writeonly buffer BufDX4 { vec4 dx4[]; };

#include "step_random.glsl"

float grad(float yv, float g, bool keep) {
    float d = keep ? g * SCALE : 0.0;
    return yv > 0.0 ? d : SLOPE * d;
}

void main() {
    uint q = elementIndex();
    if (4 * q >= N) {
        return;
    }
    uvec4 w = 4 * q < SECOND_FROM ? stepBlock(q) : streamBlock(SECOND_STREAM, q - SECOND_FROM / 4);
    bvec4 keep = greaterThanEqual(w >> 8, uvec4(THRESHOLD));
    if (4 * q + 4 <= N) {
        vec4 v = y4[q], g = dy4[q];
        dx4[q] = vec4(grad(v.x, g.x, keep.x), grad(v.y, g.y, keep.y), grad(v.z, g.z, keep.z), grad(v.w, g.w, keep.w));
        return;
    }
    for (uint j = 0; j < 4 && 4 * q + j < N; j++) {
        uint i = 4 * q + j;
        dx[i] = grad(y[i], dy[i], keep[j]);
    }
}
