package op

// The transposed convolution ops are Keras' Conv2DTranspose with 'same'
// padding: the adjoint of the convolution S. S maps an image shaped like the
// transposed convolution's output, [N,H,W,Cin], to one shaped like its input,
// [N,OutH,OutW,Cout]; the filter [K,K,Cin,Cout] is exactly Keras'
// Conv2DTranspose kernel [kh,kw,out_channels,in_channels]. So the
// generator's 7x7x128 -> 14x14x64 layer has S = {N, 14, 14, 64, 128, 5, 2}.

// Conv2DTranspose is the forward pass y = Sᵀ x: the input gradient of the
// convolution S applied to x (x [N,OutH,OutW,Cout] -> y [N,H,W,Cin]).
type Conv2DTranspose struct {
	X, W, Y *Tensor
	S       ConvShape
}

// Kernel implements Op.
func (o *Conv2DTranspose) Kernel() string { return "conv2d_transpose_fwd" }

// Shape implements Op.
func (o *Conv2DTranspose) Shape() string { return "adjoint of " + o.S.String() }

// Reads implements Op.
func (o *Conv2DTranspose) Reads() []*Tensor { return []*Tensor{o.X, o.W} }

// Writes implements Op.
func (o *Conv2DTranspose) Writes() []*Tensor { return []*Tensor{o.Y} }

// FLOPs implements Op.
func (o *Conv2DTranspose) FLOPs() int64 { return 2 * o.S.MACs() }

// Validate implements Op.
func (o *Conv2DTranspose) Validate() error {
	return CheckLens(o.X, o.S.OutLen(), o.W, o.S.FilterLen(), o.Y, o.S.InLen())
}

// Conv2DTransposeBwdInput is the input gradient dx = S dy: the convolution S
// applied to dy (dy [N,H,W,Cin] -> dx [N,OutH,OutW,Cout]).
type Conv2DTransposeBwdInput struct {
	DY, W, DX *Tensor
	S         ConvShape
}

// Kernel implements Op.
func (o *Conv2DTransposeBwdInput) Kernel() string { return "conv2d_transpose_bwd_input" }

// Shape implements Op.
func (o *Conv2DTransposeBwdInput) Shape() string { return "adjoint of " + o.S.String() }

// Reads implements Op.
func (o *Conv2DTransposeBwdInput) Reads() []*Tensor { return []*Tensor{o.DY, o.W} }

// Writes implements Op.
func (o *Conv2DTransposeBwdInput) Writes() []*Tensor { return []*Tensor{o.DX} }

// FLOPs implements Op.
func (o *Conv2DTransposeBwdInput) FLOPs() int64 { return 2 * o.S.MACs() }

// Validate implements Op.
func (o *Conv2DTransposeBwdInput) Validate() error {
	return CheckLens(o.DY, o.S.InLen(), o.W, o.S.FilterLen(), o.DX, o.S.OutLen())
}

// Conv2DTransposeBwdFilter is the filter gradient: the convolution's filter
// gradient with the roles swapped, input dy [N,H,W,Cin] and output gradient
// x [N,OutH,OutW,Cout]:
//
//	dw[ky,kx,ci,co] = Σ_{n,oy,ox} dy[n, oy*S+ky-PadTop, ox*S+kx-PadLeft, ci] · x[n,oy,ox,co]
type Conv2DTransposeBwdFilter struct {
	X, DY, DW *Tensor
	S         ConvShape
}

// Kernel implements Op.
func (o *Conv2DTransposeBwdFilter) Kernel() string { return "conv2d_transpose_bwd_filter" }

// Shape implements Op.
func (o *Conv2DTransposeBwdFilter) Shape() string { return "adjoint of " + o.S.String() }

// Reads implements Op.
func (o *Conv2DTransposeBwdFilter) Reads() []*Tensor { return []*Tensor{o.X, o.DY} }

// Writes implements Op.
func (o *Conv2DTransposeBwdFilter) Writes() []*Tensor { return []*Tensor{o.DW} }

// FLOPs implements Op.
func (o *Conv2DTransposeBwdFilter) FLOPs() int64 { return 2 * o.S.MACs() }

// Validate implements Op.
func (o *Conv2DTransposeBwdFilter) Validate() error {
	return CheckLens(o.X, o.S.OutLen(), o.DY, o.S.InLen(), o.DW, o.S.FilterLen())
}
