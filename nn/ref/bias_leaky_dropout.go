package ref

import "dcganvk/nn/op"

// BiasLeakyDropout is a conv layer's epilogue at the step of p, by
// definition BiasAdd, then ActivationFwd's LeakyReLU, then Dropout over x
// [rows, c], in float32 (the device computes the same operations in one
// pass without storing what lies between); the elements split into
// len(streams) equal parts, each a Dropout of its own stream.
func BiasLeakyDropout(p op.StepParams, streams []uint32, rate, slope float32, x, b, y []float32) {
	v := append([]float32(nil), x...)
	BiasAdd(v, b, len(x)/len(b), len(b))
	ActivationFwd(op.LeakyReLU, slope, v, v)
	dropoutParts(p, streams, rate, v, y)
}

// DropoutLeakyBwd is the gradient through BiasLeakyDropout's dropout and
// LeakyReLU, from its output y: Dropout's backward pass over dy (by parts,
// as the forward pass), then ActivationBwd's LeakyReLU taking y in place of
// the LeakyReLU's output l. That is exact: where an element is kept,
// y = l·scale has l's sign, and where it is dropped the gradient is 0
// whichever branch is taken.
func DropoutLeakyBwd(p op.StepParams, streams []uint32, rate, slope float32, y, dy, dx []float32) {
	dropoutParts(p, streams, rate, dy, dx)
	ActivationBwd(op.LeakyReLU, slope, y, dx, dx)
}

// dropoutParts runs Dropout over equal parts of in, one a stream.
func dropoutParts(p op.StepParams, streams []uint32, rate float32, in, out []float32) {
	part := len(in) / len(streams)
	for k, s := range streams {
		Dropout(p, s, rate, in[k*part:(k+1)*part], out[k*part:(k+1)*part])
	}
}
