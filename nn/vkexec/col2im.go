package vkexec

import (
	"dcganvk/gpu"
	"dcganvk/nn/op"
	"dcganvk/shaders"
)

// col2imInput records dx = Sᵀ dy for S on a one-channel input, im2col's
// adjoint: the product of dy and the filter's transpose (the filter
// transposed and padded to im2col's columns by transpose_pad) is each
// output position's share of its patch, and col2im sums the shares of each
// input pixel.
func (e *Executor) col2imInput(s op.ConvShape, dy, w, dx *op.Tensor) error {
	rows, kp := s.N*s.OutH()*s.OutW(), im2colColumns(s)
	wt, err := e.scratch("im2col/filter_columns", s.Cout*kp)
	if err != nil {
		return err
	}
	t := shaders.TransposePad{N: s.Cout * kp, R: s.K * s.K, C: s.Cout, Rp: kp}
	if err := e.dispatch(gpu.PipelineSpec{Shader: "transpose_pad", Constants: t}, elementGroups(t.N),
		[]*op.Tensor{w}, []*op.Tensor{wt}); err != nil {
		return err
	}
	shares, err := e.scratch("im2col/patches", rows*kp)
	if err != nil {
		return err
	}
	if err := e.winoGemm(dy, wt, shares, 1, rows, s.Cout, kp, s.Cout, false); err != nil {
		return err
	}
	c := shaders.Col2im{N: s.InLen(), H: s.H, W: s.W, Oh: s.OutH(), Ow: s.OutW(), K: s.K, S: s.Stride,
		PadT: s.PadTop(), PadL: s.PadLeft(), Kp: kp}
	spec := e.texelReads(gpu.PipelineSpec{Shader: "col2im", Constants: c}, []*op.Tensor{shares}, gpu.TexelR32F)
	return e.dispatch(spec, elementGroups(c.N), []*op.Tensor{shares}, []*op.Tensor{dx})
}
