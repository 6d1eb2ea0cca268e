// The random block of an element at the current step (nn/op/random.go).
// Include after declaring the parameter block binding as uint params[];
// declares the stream as constant_id 1.
#include "step_params.glsl"
#include "philox.glsl"

layout(constant_id = 1) const uint STREAM = 0;

// streamBlock is Philox4x32-10 of counter {i, step, stream, 0} under key
// {seed lo, seed hi}: block i of a stream at this step.
uvec4 streamBlock(uint stream, uint i) {
    uvec2 key = uvec2(params[PARAM_SEED_LO], params[PARAM_SEED_HI]);
    return philox4x32_10(uvec4(i, params[PARAM_STEP], stream, 0u), key);
}

// stepBlock is Philox4x32-10 of counter {i, step, STREAM, 0} under key
// {seed lo, seed hi}: element i's four words for this step and stream.
uvec4 stepBlock(uint i) { return streamBlock(STREAM, i); }
