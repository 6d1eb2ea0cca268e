#version 450
// bias_leaky_dropout: a conv layer's epilogue (nn/op.BiasLeakyDropout),
// y[i] = keep(i) ? leaky(x[i] + b[i % C])·SCALE : 0 over X[ROWS, C], N =
// ROWS·C, leaky(v) = v > 0 ? v : SLOPE·v, keep(i) as in dropout.comp. One
// invocation per four elements (one Philox block): vec4s where C is a
// multiple of 4, floats otherwise.
#include "elementwise.glsl"

layout(constant_id = 2) const uint C = 1;
layout(constant_id = 3) const float SLOPE = 0.3;
layout(constant_id = 4) const uint THRESHOLD = 0; // op.DropThreshold(rate)
layout(constant_id = 5) const float SCALE = 1.0;  // op.DropScale(rate)
// Elements from SECOND_FROM on (a multiple of 4; N for a single part) draw
// from SECOND_STREAM, counting from SECOND_FROM: two batches masked as two.
layout(constant_id = 6) const uint SECOND_STREAM = 0;
layout(constant_id = 7) const uint SECOND_FROM = 0;

layout(std430, binding = 0) readonly buffer BufX { float x[]; };
layout(std430, binding = 0) readonly buffer BufX4 { vec4 x4[]; };
layout(std430, binding = 1) readonly buffer BufB { float b[]; };
layout(std430, binding = 1) readonly buffer BufB4 { vec4 b4[]; };
layout(std430, binding = 2) readonly buffer Params { uint params[]; };
layout(std430, binding = 3) writeonly buffer BufY { float y[]; };
layout(std430, binding = 3) writeonly buffer BufY4 { vec4 y4[]; };

#include "step_random.glsl"

float epilogue(float v, bool keep) {
    float l = v > 0.0 ? v : SLOPE * v;
    return keep ? l * SCALE : 0.0;
}

void main() {
    uint q = elementIndex();
    if (4 * q >= N) {
        return;
    }
    uvec4 w = 4 * q < SECOND_FROM ? stepBlock(q) : streamBlock(SECOND_STREAM, q - SECOND_FROM / 4);
    bvec4 keep = greaterThanEqual(w >> 8, uvec4(THRESHOLD));
    if (C % 4 == 0 && 4 * q + 4 <= N) {
        vec4 v = x4[q] + b4[4 * q % C / 4];
        y4[q] = vec4(epilogue(v.x, keep.x), epilogue(v.y, keep.y), epilogue(v.z, keep.z), epilogue(v.w, keep.w));
        return;
    }
    for (uint j = 0; j < 4 && 4 * q + j < N; j++) {
        uint i = 4 * q + j;
        y[i] = epilogue(x[i] + b[i % C], keep[j]);
    }
}
