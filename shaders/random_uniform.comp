#version 450
// random_uniform: y[i] = uniform [0, 1) number of element i of stream STREAM
// at this step, bits24(w0)·2⁻²⁴ (nn/op.RandomFill): the same bits on every
// device.
#include "elementwise.glsl"

layout(std430, binding = 0) readonly buffer Params { uint params[]; };
layout(std430, binding = 1) buffer BufY { float y[]; };

#include "step_random.glsl"

void main() {
    uint i = elementIndex();
    if (i < N) {
        y[i] = unit24(stepBlock(i).x);
    }
}
