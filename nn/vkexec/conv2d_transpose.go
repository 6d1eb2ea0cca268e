package vkexec

import "dcganvk/nn/op"

// The transposed convolution is the adjoint of the convolution S, so its
// kernels are the convolution's shaders with the roles of the tensors
// swapped (see nn/op/conv_transpose.go).
func init() {
	register(func(e *Executor, o *op.Conv2DTranspose) error { return convBwdInput(e, o.S, o.X, o.W, o.Y) })
	register(func(e *Executor, o *op.Conv2DTransposeBwdInput) error { return convFwd(e, o.S, o.DY, o.W, o.DX) })
	register(func(e *Executor, o *op.Conv2DTransposeBwdFilter) error {
		return convBwdFilter(e, o.S, o.DY, o.X, o.DW, false)
	})
}
