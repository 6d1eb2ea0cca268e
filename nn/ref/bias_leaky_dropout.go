package ref

import "dcganvk/nn/op"

// BiasLeakyDropout is a conv layer's epilogue at the step of p, by
// definition BiasAdd, then ActivationFwd's LeakyReLU, then Dropout over x
// [rows, c], in float32 (the device computes the same operations in one
// pass without storing what lies between).
func BiasLeakyDropout(p op.StepParams, stream uint32, rate, slope float32, x, b, y []float32) {
	v := append([]float32(nil), x...)
	BiasAdd(v, b, len(x)/len(b), len(b))
	ActivationFwd(op.LeakyReLU, slope, v, v)
	Dropout(p, stream, rate, v, y)
}

// DropoutLeakyBwd is the gradient through BiasLeakyDropout's dropout and
// LeakyReLU, from its output y: Dropout's backward pass over dy, then
// ActivationBwd's LeakyReLU taking y in place of the LeakyReLU's output l.
// That is exact: where an element is kept, y = l·scale has l's sign, and
// where it is dropped the gradient is 0 whichever branch is taken.
func DropoutLeakyBwd(p op.StepParams, stream uint32, rate, slope float32, y, dy, dx []float32) {
	Dropout(p, stream, rate, dy, dx)
	ActivationBwd(op.LeakyReLU, slope, y, dx, dx)
}
