#version 450
// transpose_pad: y [C][RP] = the transpose of x [R][C], rows past R zero:
// y[c·RP + r] = r < R ? x[r·C + c] : 0 (nn/vkexec/col2im.go: a filter
// [K·K][Cout] as the columns of a product). One invocation per element of
// y; N is their count.
#include "elementwise.glsl"
layout(constant_id = 1) const int R = 1;
layout(constant_id = 2) const int C = 1;
layout(constant_id = 3) const int RP = 1;

layout(std430, binding = 0) readonly buffer BufX { float x[]; };
layout(std430, binding = 1) writeonly buffer BufY { float y[]; };

void main() {
    uint i = elementIndex();
    if (i >= N) {
        return;
    }
    int c = int(i) / RP, r = int(i) % RP;
    y[i] = r < R ? x[r * C + c] : 0.0;
}
