// Elementwise kernels: one invocation per element, in 256-wide workgroups laid
// out as a 2-D grid (rows of at most 65535 workgroups, sized by
// elementGroups in nn/vkexec/elementwise.go) so that any element count fits.
// Declares the element count N as constant_id 0.
layout(local_size_x = 256) in;

layout(constant_id = 0) const uint N = 1;

// elementIndex is this invocation's element; the last row of workgroups runs
// past N, so callers check i < N.
uint elementIndex() {
    uint group = gl_WorkGroupID.y * gl_NumWorkGroups.x + gl_WorkGroupID.x;
    return group * gl_WorkGroupSize.x + gl_LocalInvocationID.x;
}
