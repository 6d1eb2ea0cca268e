// y[i] = fn(x[i]) for i < N. Include after defining float fn(float x).
#include "elementwise.glsl"

layout(std430, binding = 0) readonly buffer BufX { float x[]; };
layout(std430, binding = 1) buffer BufY { float y[]; };

void main() {
    uint i = elementIndex();
    if (i < N) {
        y[i] = fn(x[i]);
    }
}
