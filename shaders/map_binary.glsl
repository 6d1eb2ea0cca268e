// c[i] = fn(a[i], b[i]) for i < N. Include after defining
// float fn(float a, float b).
#include "elementwise.glsl"

layout(std430, binding = 0) readonly buffer BufA { float a[]; };
layout(std430, binding = 1) readonly buffer BufB { float b[]; };
layout(std430, binding = 2) buffer BufC { float c[]; };

void main() {
    uint i = elementIndex();
    if (i < N) {
        c[i] = fn(a[i], b[i]);
    }
}
