// c[i] = fn(a[i], b[i]) for i < N, one invocation per four elements: vec4s
// read and written, floats in the tail. Include after defining
// float fn(float a, float b).
#include "elementwise.glsl"

layout(std430, binding = 0) readonly buffer BufA { float a[]; };
layout(std430, binding = 0) readonly buffer BufA4 { vec4 a4[]; };
layout(std430, binding = 1) readonly buffer BufB { float b[]; };
layout(std430, binding = 1) readonly buffer BufB4 { vec4 b4[]; };
layout(std430, binding = 2) buffer BufC { float c[]; };
layout(std430, binding = 2) buffer BufC4 { vec4 c4[]; };

void main() {
    uint q = elementIndex();
    if (4 * q + 4 <= N) {
        vec4 u = a4[q], v = b4[q];
        c4[q] = vec4(fn(u.x, v.x), fn(u.y, v.y), fn(u.z, v.z), fn(u.w, v.w));
        return;
    }
    for (uint i = 4 * q; i < N; i++) {
        c[i] = fn(a[i], b[i]);
    }
}
