#version 450
// random_normal: y[i] = standard normal number of element i of stream STREAM
// at this step (nn/op.RandomFill), by Box-Muller from the block's first two
// words: sqrt(-2·ln u1)·cos(2π·u2), u1 = (bits24(w0)+1)·2⁻²⁴ in (0, 1],
// u2 = unit24(w1).
#include "elementwise.glsl"

layout(std430, binding = 0) readonly buffer Params { uint params[]; };
layout(std430, binding = 1) buffer BufY { float y[]; };

#include "step_random.glsl"

const float TWO_PI = 6.28318530717958647692;

void main() {
    uint i = elementIndex();
    if (i >= N) {
        return;
    }
    uvec4 w = stepBlock(i);
    float u1 = (float(bits24(w.x)) + 1.0) * (1.0 / 16777216.0);
    // max: an approximate log may come out a hair above 0 just below u1 = 1.
    float r = sqrt(max(-2.0 * log(u1), 0.0));
    // cos(2π·u2) = -cos(2π·(u2 - ½)): an argument in [-π, π), the range
    // where Vulkan specifies cos's accuracy (u2 - ½ is exact).
    y[i] = -r * cos(TWO_PI * (unit24(w.y) - 0.5));
}
