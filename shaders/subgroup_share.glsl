// Sharing loads over a subgroup, for the direct conv shaders (SG is
// specialization constant 9; the shader enables
// GL_KHR_shader_subgroup_shuffle). Where every invocation of a subgroup needs the same block
// of values, loaded V (1 or 4) at a time into vec4s, with SG > 1 (a
// subgroup of exactly SG invocations, full) each invocation loads only the
// vec4s lane, lane + SG, ... of it into an array reg[] and reads the others
// from its neighbours by subgroupShuffle: on lavapipe a load costs as much
// per invocation whether or not its address is uniform, a shuffle by a
// constant lane about a seventh of a vec4 texel fetch. With SG = 1 each
// invocation loads the whole block itself.
layout(constant_id = 9) const int SG = 1;

// shareLane is the first vec4 of a block this invocation loads.
int shareLane() { return SG == 1 ? 0 : int(gl_SubgroupInvocationID); }

// SHARED is element e of the block whose shares are in reg, loaded V at a time.
#define SHARED(reg, e, V) \
    (SG == 1 ? reg[(e) / (V)][(e) % (V)] : subgroupShuffle(reg[(e) / (V) / SG][(e) % (V)], uint((e) / (V) % SG)))

// shareGuard is 0, or NaN (to add to every output) when the subgroup is not
// the size the shader was specialized for, so that a wrong size shows.
float shareGuard() { return SG > 1 && gl_SubgroupSize != uint(SG) ? uintBitsToFloat(0x7fc00000u) : 0.0; }
