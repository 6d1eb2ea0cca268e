package op

import "fmt"

// ConvShape is the geometry of a 2-D convolution with TensorFlow's 'same'
// padding: input [N,H,W,Cin] (NHWC), filter [K,K,Cin,Cout] (Keras Conv2D
// layout: kh, kw, in, out), output [N,OutH,OutW,Cout] with OutH = ceil(H/Stride).
// The padding is PadTop before and the rest after, asymmetric for stride 2.
type ConvShape struct {
	N, H, W, Cin, Cout, K, Stride int
}

// OutH is the output height, ceil(H / Stride).
func (s ConvShape) OutH() int { return (s.H + s.Stride - 1) / s.Stride }

// OutW is the output width, ceil(W / Stride).
func (s ConvShape) OutW() int { return (s.W + s.Stride - 1) / s.Stride }

// PadTop is the zero rows before the input: half of max((OutH-1)*Stride+K-H, 0), rounded down.
func (s ConvShape) PadTop() int { return max((s.OutH()-1)*s.Stride+s.K-s.H, 0) / 2 }

// PadLeft is the zero columns before the input.
func (s ConvShape) PadLeft() int { return max((s.OutW()-1)*s.Stride+s.K-s.W, 0) / 2 }

// InLen is the number of input elements.
func (s ConvShape) InLen() int { return s.N * s.H * s.W * s.Cin }

// OutLen is the number of output elements.
func (s ConvShape) OutLen() int { return s.N * s.OutH() * s.OutW() * s.Cout }

// InShape is the shape of the input, [N, H, W, Cin].
func (s ConvShape) InShape() []int { return []int{s.N, s.H, s.W, s.Cin} }

// OutShape is the shape of the output, [N, OH, OW, Cout].
func (s ConvShape) OutShape() []int { return []int{s.N, s.OutH(), s.OutW(), s.Cout} }

// FilterLen is the number of filter elements.
func (s ConvShape) FilterLen() int { return s.K * s.K * s.Cin * s.Cout }

// MACs is the multiply-adds of one pass (padding taps included).
func (s ConvShape) MACs() int64 {
	return int64(s.N) * int64(s.OutH()*s.OutW()) * int64(s.K*s.K) * int64(s.Cin*s.Cout)
}

func (s ConvShape) String() string {
	return fmt.Sprintf("n%d %dx%dx%d->%dx%dx%d k%d s%d", s.N, s.H, s.W, s.Cin, s.OutH(), s.OutW(), s.Cout, s.K, s.Stride)
}

// Conv2D is the forward convolution:
//
//	y[n,oy,ox,co] = Σ_{ky,kx,ci} x[n, oy*S+ky-PadTop, ox*S+kx-PadLeft, ci] · w[ky,kx,ci,co]
//
// with x zero outside the image.
type Conv2D struct {
	X, W, Y *Tensor
	S       ConvShape
}

// Kernel implements Op.
func (o *Conv2D) Kernel() string { return "conv2d_fwd" }

// Shape implements Op.
func (o *Conv2D) Shape() string { return o.S.String() }

// Reads implements Op.
func (o *Conv2D) Reads() []*Tensor { return []*Tensor{o.X, o.W} }

// Writes implements Op.
func (o *Conv2D) Writes() []*Tensor { return []*Tensor{o.Y} }

// FLOPs implements Op.
func (o *Conv2D) FLOPs() int64 { return 2 * o.S.MACs() }

// Validate implements Op.
func (o *Conv2D) Validate() error {
	return CheckLens(o.X, o.S.InLen(), o.W, o.S.FilterLen(), o.Y, o.S.OutLen())
}

// Conv2DBwdInput is the convolution's input gradient, dx = ∂(Σ y·dy)/∂x:
//
//	dx[n,iy,ix,ci] = Σ_{ky,kx,co} dy[n,oy,ox,co] · w[ky,kx,ci,co]
//	                 over oy*S+ky-PadTop = iy, ox*S+kx-PadLeft = ix
type Conv2DBwdInput struct {
	DY, W, DX *Tensor
	S         ConvShape
}

// Kernel implements Op.
func (o *Conv2DBwdInput) Kernel() string { return "conv2d_bwd_input" }

// Shape implements Op.
func (o *Conv2DBwdInput) Shape() string { return o.S.String() }

// Reads implements Op.
func (o *Conv2DBwdInput) Reads() []*Tensor { return []*Tensor{o.DY, o.W} }

// Writes implements Op.
func (o *Conv2DBwdInput) Writes() []*Tensor { return []*Tensor{o.DX} }

// FLOPs implements Op.
func (o *Conv2DBwdInput) FLOPs() int64 { return 2 * o.S.MACs() }

// Validate implements Op.
func (o *Conv2DBwdInput) Validate() error {
	return CheckLens(o.DY, o.S.OutLen(), o.W, o.S.FilterLen(), o.DX, o.S.InLen())
}

// Conv2DBwdFilter is the convolution's filter gradient (plus the old DW
// when Accumulate, to sum the real and the fake pass):
//
//	dw[ky,kx,ci,co] = Σ_{n,oy,ox} x[n, oy*S+ky-PadTop, ox*S+kx-PadLeft, ci] · dy[n,oy,ox,co]
type Conv2DBwdFilter struct {
	X, DY, DW  *Tensor
	S          ConvShape
	Accumulate bool
}

// Kernel implements Op.
func (o *Conv2DBwdFilter) Kernel() string { return "conv2d_bwd_filter" }

// Shape implements Op.
func (o *Conv2DBwdFilter) Shape() string { return o.S.String() + accumulateSuffix(o.Accumulate) }

// Reads implements Op.
func (o *Conv2DBwdFilter) Reads() []*Tensor {
	return withAccumulator([]*Tensor{o.X, o.DY}, o.DW, o.Accumulate)
}

// Writes implements Op.
func (o *Conv2DBwdFilter) Writes() []*Tensor { return []*Tensor{o.DW} }

// FLOPs implements Op.
func (o *Conv2DBwdFilter) FLOPs() int64 { return 2 * o.S.MACs() }

// Validate implements Op.
func (o *Conv2DBwdFilter) Validate() error {
	return CheckLens(o.X, o.S.InLen(), o.DY, o.S.OutLen(), o.DW, o.S.FilterLen())
}

// accumulateSuffix marks an op that adds to its output in shape strings.
func accumulateSuffix(acc bool) string {
	if acc {
		return " +="
	}
	return ""
}

// withAccumulator appends the output to the reads of an op that adds to it.
func withAccumulator(reads []*Tensor, out *Tensor, acc bool) []*Tensor {
	if acc {
		return append(reads, out)
	}
	return reads
}
