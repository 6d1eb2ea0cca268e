#version 450
// grid_pixels: N images [N, SIZE, SIZE, CHANNELS] in [-1, 1] drawn as a grid of
// COLS columns for the screen (nn/op.GridPixels): SCALE x SCALE screen pixels
// per image pixel, GAP pixels of grey BACKGROUND between cells, one opaque
// 32-bit word per screen pixel. A value v is the level round((v+1)·127.5)
// clamped to [0, 255]; a grey image gives 0xFF000000 | g·0x010101, a colour
// one its red, green and blue bytes in memory order R,G,B,A (B,G,R,A when BGRA
// is 1). One invocation per pixel.
layout(local_size_x = 16, local_size_y = 16) in;

layout(constant_id = 0) const uint N = 1;
layout(constant_id = 1) const uint SIZE = 28;
layout(constant_id = 2) const uint COLS = 4;
layout(constant_id = 3) const uint SCALE = 4;
layout(constant_id = 4) const uint GAP = 4;
layout(constant_id = 5) const uint WIDTH = 1;
layout(constant_id = 6) const uint HEIGHT = 1;
layout(constant_id = 7) const uint BACKGROUND = 64;
layout(constant_id = 8) const uint CHANNELS = 1;
layout(constant_id = 9) const uint BGRA = 0;

layout(std430, binding = 0) readonly buffer Images { float images[]; };
layout(std430, binding = 1) writeonly buffer Pixels { uint pixels[]; };

// level maps [-1, 1] to [0, 255]; NaN is 0.
uint level(float v) {
    float g = floor((v + 1.0) * 127.5 + 0.5);
    return g >= 0.0 ? uint(min(g, 255.0)) : 0u;
}

void main() {
    uint x = gl_GlobalInvocationID.x, y = gl_GlobalInvocationID.y;
    if (x >= WIDTH || y >= HEIGHT) {
        return;
    }
    const uint cell = SIZE * SCALE + GAP;
    uvec3 rgb = uvec3(BACKGROUND);
    if (x >= GAP && y >= GAP) {
        uint cx = (x - GAP) / cell, cy = (y - GAP) / cell;
        uint ix = (x - GAP) % cell, iy = (y - GAP) % cell;
        uint i = cy * COLS + cx;
        if (ix < SIZE * SCALE && iy < SIZE * SCALE && cx < COLS && i < N) {
            uint p = ((i * SIZE + iy / SCALE) * SIZE + ix / SCALE) * CHANNELS;
            rgb = uvec3(level(images[p]));
            if (CHANNELS == 3) {
                rgb.yz = uvec2(level(images[p + 1]), level(images[p + 2]));
            }
        }
    }
    uvec3 bytes = BGRA == 1 ? rgb.bgr : rgb;
    pixels[y * WIDTH + x] = 0xFF000000u | bytes.x | bytes.y << 8 | bytes.z << 16;
}
