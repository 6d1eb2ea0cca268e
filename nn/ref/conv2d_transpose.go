package ref

import "dcganvk/nn/op"

// The transposed convolution is the adjoint of the convolution S, so its
// references are the convolution's with the roles of the tensors swapped
// (see nn/op/conv_transpose.go).
func init() {
	register(func(d Storage, o *op.Conv2DTranspose) { Conv2DBwdInput(d(o.X), d(o.W), d(o.Y), o.S) })
	register(func(d Storage, o *op.Conv2DTransposeBwdInput) { Conv2D(d(o.DY), d(o.W), d(o.DX), o.S) })
	register(func(d Storage, o *op.Conv2DTransposeBwdFilter) {
		Conv2DBwdFilter(d(o.DY), d(o.X), d(o.DW), o.S, false)
	})
}
