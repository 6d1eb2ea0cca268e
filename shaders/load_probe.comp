#version 450
#extension GL_KHR_shader_subgroup_shuffle : require
// load_probe: a micro-benchmark of how a device reads (gpu's
// BenchmarkLoads). Every invocation sums LOADS values per iteration from
// addresses that differ per invocation, read by MODE: 0 a float storage
// buffer, 1 a vec4 storage buffer, 2 a float texel buffer, 3 a vec4 texel
// buffer; or, with MODE 4, taken from another invocation by a
// subgroupShuffle of a constant lane.
layout(local_size_x = 64) in;
layout(constant_id = 0) const int MODE = 0;
layout(constant_id = 1) const int ITERS = 64;
layout(constant_id = 2) const int MASK = 4095;

layout(std430, binding = 0) readonly buffer BufA { float a[]; };
layout(std430, binding = 0) readonly buffer BufA4 { vec4 a4[]; };
layout(binding = 1) uniform samplerBuffer t;
layout(std430, binding = 2) writeonly buffer BufY { vec4 y[]; };

const int LOADS = 16;

void main() {
    int i = int(gl_GlobalInvocationID.x);
    vec4 acc = vec4(float(i));
    for (int it = 0; it < ITERS; it++) {
        for (int l = 0; l < LOADS; l++) {
            int idx = (i * 7 + it * 131 + l * 17) & MASK;
            if (MODE == 0) {
                acc.x += a[idx];
            } else if (MODE == 1) {
                acc += a4[idx];
            } else if (MODE <= 3) {
                acc += texelFetch(t, idx);
            } else {
                acc[l % 4] += subgroupShuffle(acc[(l + 1) % 4], uint(l % 8));
            }
        }
    }
    y[i] = acc;
}
