#version 450
// random_normal: y[i] = standard normal number of element i of stream STREAM
// at this step (nn/op.RandomFill), by Box-Muller from the block's first two
// words: sqrt(-2·ln u1)·cos(2π·u2), u1 = (bits24(w0)+1)·2⁻²⁴ in (0, 1],
// u2 = unit24(w1), with precise_math.glsl's log and cos, not the driver's.
#include "elementwise.glsl"

layout(std430, binding = 0) readonly buffer Params { uint params[]; };
layout(std430, binding = 1) buffer BufY { float y[]; };

#include "step_random.glsl"
#include "precise_math.glsl"

void main() {
    uint i = elementIndex();
    if (i >= N) {
        return;
    }
    uvec4 w = stepBlock(i);
    float u1 = (float(bits24(w.x)) + 1.0) * (1.0 / 16777216.0);
    float r = sqrt(-2.0 * preciseLog(u1));
    // cos(2π·u2) = -cos(2π·(u2 - ½)), u2 - ½ exact.
    y[i] = -r * cosTurns(unit24(w.y) - 0.5);
}
