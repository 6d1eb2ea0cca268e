// y[i] = fn(x[i]) for i < N, one invocation per four elements: a vec4 read
// and written, floats in the tail. Include after defining float fn(float x).
#include "elementwise.glsl"

layout(std430, binding = 0) readonly buffer BufX { float x[]; };
layout(std430, binding = 0) readonly buffer BufX4 { vec4 x4[]; };
layout(std430, binding = 1) buffer BufY { float y[]; };
layout(std430, binding = 1) buffer BufY4 { vec4 y4[]; };

void main() {
    uint q = elementIndex();
    if (4 * q + 4 <= N) {
        vec4 v = x4[q];
        y4[q] = vec4(fn(v.x), fn(v.y), fn(v.z), fn(v.w));
        return;
    }
    for (uint i = 4 * q; i < N; i++) {
        y[i] = fn(x[i]);
    }
}
