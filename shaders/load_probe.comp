#version 450
#extension GL_KHR_shader_subgroup_shuffle : require
#extension GL_KHR_shader_subgroup_ballot : require
// load_probe: a micro-benchmark of how a device loads (gpu's
// BenchmarkLoads). Every invocation sums LOADS values per iteration from
// addresses that differ per invocation (or, with UNIFORM, are the same for
// all), read by MODE: 0 a float storage buffer, 1 a vec4 storage buffer,
// 2 a float texel buffer, 3 a vec4 texel buffer.
layout(local_size_x = 64) in;
layout(constant_id = 0) const int MODE = 0;
layout(constant_id = 1) const int ITERS = 64;
layout(constant_id = 2) const bool UNIFORM = false;
layout(constant_id = 3) const int MASK = 4095;

layout(std430, binding = 0) readonly buffer BufA { float a[]; };
layout(std430, binding = 0) readonly buffer BufA4 { vec4 a4[]; };
layout(binding = 1) uniform samplerBuffer t;
layout(std430, binding = 2) writeonly buffer BufY { vec4 y[]; };

const int LOADS = 16;

void main() {
    int i = int(gl_GlobalInvocationID.x);
    int base = UNIFORM ? int(gl_WorkGroupID.x) * 5 : i * 7;
    vec4 acc = vec4(float(i));
    for (int it = 0; it < ITERS; it++) {
        for (int l = 0; l < LOADS; l++) {
            int idx = (base + it * 131 + l * 17) & MASK;
            if (MODE == 0) {
                acc.x += a[idx];
            } else if (MODE == 1) {
                acc += a4[idx];
            } else if (MODE <= 3) {
                acc += texelFetch(t, idx);
            } else if (MODE == 4) {
                acc[l % 4] += subgroupShuffle(acc[(l + 1) % 4], uint(l % 8));
            } else if (l == 0) {
                acc.x += subgroupBroadcast(acc.y, 0) + subgroupBroadcast(acc.z, 1) + subgroupBroadcast(acc.y, 2) + subgroupBroadcast(acc.z, 3);
                acc.y += subgroupBroadcast(acc.x, 4) + subgroupBroadcast(acc.z, 5) + subgroupBroadcast(acc.x, 6) + subgroupBroadcast(acc.z, 7);
                acc.z += subgroupBroadcast(acc.y, 0) + subgroupBroadcast(acc.x, 1) + subgroupBroadcast(acc.y, 2) + subgroupBroadcast(acc.x, 3);
                acc.w += subgroupBroadcast(acc.y, 4) + subgroupBroadcast(acc.z, 5) + subgroupBroadcast(acc.x, 6) + subgroupBroadcast(acc.z, 7);
            }
        }
    }
    y[i] = acc;
}
