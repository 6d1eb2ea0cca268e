package vkexec

import (
	"fmt"

	"dcganvk/gpu"
	"dcganvk/nn/op"
	"dcganvk/shaders"
)

// im2colColumns is the row length of S's patches: its K·K taps, rounded up
// to a multiple of 4 with zero columns for winograd_gemm's vec4 reads.
func im2colColumns(s op.ConvShape) int { return round4(s.K * s.K) }

// im2col reports whether S's forward pass runs as im2col and a product,
// and its input gradient as the adjoint (col2imInput): on a one-channel
// input (D's conv1, and G's convT3, the adjoint of such a convolution),
// where the direct kernels have one multiply-add a tap and image to
// amortise each load over. (The filter gradient in the same form, the
// patches' product with dy summed over the batch, measured no faster than
// the direct kernel.)
func (e *Executor) im2col(s op.ConvShape) bool {
	return e.variants.Im2col && s.Cin == 1 && s.Cout%4 == 0
}

// im2colPatches records S's patches of x (shaders/im2col.comp) into a
// scratch tensor and returns it.
func (e *Executor) im2colPatches(s op.ConvShape, x *op.Tensor) (*op.Tensor, error) {
	rows, kp := s.N*s.OutH()*s.OutW(), im2colColumns(s)
	cols, err := e.scratch("im2col/patches", rows*kp)
	if err != nil {
		return nil, err
	}
	c := shaders.Im2col{N: rows * kp / 4, H: s.H, W: s.W, Oh: s.OutH(), Ow: s.OutW(), K: s.K, S: s.Stride,
		PadT: s.PadTop(), PadL: s.PadLeft(), Kp: kp}
	spec := e.texelReads(gpu.PipelineSpec{Shader: "im2col", Constants: c}, []*op.Tensor{x}, gpu.TexelR32F)
	return cols, e.dispatch(spec, elementGroups(c.N), []*op.Tensor{x}, []*op.Tensor{cols})
}

// im2colForward records y = conv(x, w) for S as the product of x's patches
// and w padded with zero rows to the patches' length.
func (e *Executor) im2colForward(s op.ConvShape, x, w, y *op.Tensor) error {
	cols, err := e.im2colPatches(s, x)
	if err != nil {
		return err
	}
	kp := im2colColumns(s)
	padded, err := e.scratch("im2col/filter", kp*s.Cout)
	if err != nil {
		return err
	}
	if !e.pipelinesOnly {
		bufs, err := e.buffers([]*op.Tensor{padded, w})
		if err != nil {
			return err
		}
		pb, wb := bufs[0], bufs[1]
		if err := e.rec.Fill(pb, 0); err != nil {
			return fmt.Errorf("zeroing the padded filter: %w", err)
		}
		if err := e.rec.Copy(wb, pb, 0); err != nil {
			return fmt.Errorf("padding %s: %w", w, err)
		}
	}
	return e.winoGemm(cols, padded, y, 1, s.N*s.OutH()*s.OutW(), kp, s.Cout, kp, false)
}
