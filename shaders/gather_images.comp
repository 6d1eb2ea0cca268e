#version 450
// gather_images: builds the step's batch from the device-resident training
// set (nn/op.GatherImages): for element e = b·PIXELS + p of the N = Batch·PIXELS
// outputs, y[e] = (pixel(order[offset + b], p) - 127.5)/127.5, where offset
// is the step's batch offset and pixel(i, p) is byte i·PIXELS + p of the
// images, four to a word, little-endian. A slot or an image index past COUNT
// gives NaN rather than a read out of bounds.
#include "elementwise.glsl"
#include "step_params.glsl"

layout(constant_id = 1) const uint COUNT = 1;
layout(constant_id = 2) const uint PIXELS = 1;

layout(std430, binding = 0) readonly buffer Images { uint images[]; };
layout(std430, binding = 1) readonly buffer Order { uint order[]; };
layout(std430, binding = 2) readonly buffer Params { uint params[]; };
layout(std430, binding = 3) buffer BufY { float y[]; };

void main() {
    uint e = elementIndex();
    if (e >= N) {
        return;
    }
    uint b = e / PIXELS;
    uint slot = params[PARAM_BATCH_OFFSET] + b;
    uint image = slot < COUNT ? order[slot] : COUNT;
    if (image >= COUNT) {
        y[e] = uintBitsToFloat(0x7FC00000u); // NaN
        return;
    }
    uint byteIndex = image * PIXELS + (e - b * PIXELS);
    uint value = (images[byteIndex >> 2] >> (8u * (byteIndex & 3u))) & 0xFFu;
    y[e] = (float(value) - 127.5) / 127.5;
}
