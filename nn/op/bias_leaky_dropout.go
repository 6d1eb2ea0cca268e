package op

import "fmt"

// BiasLeakyDropout is a conv layer's epilogue in one pass: the bias, a
// LeakyReLU, then inverted dropout, y[i] = keep(i) ? leaky(x[i] + b[i%C])·
// DropScale(Rate) : 0, with leaky(v) = v if v > 0 else Slope·v and keep(i)
// the mask of Dropout (the same recipe). It computes the same float32
// operations, in the same order, as BiasAdd, ActivationFwd and Dropout one
// after the other, without storing what lies between.
//
// The rows split into len(Streams) equal parts (one or two: two batches
// run as one), each masked as a Dropout of its own stream over its own
// elements would be.
type BiasLeakyDropout struct {
	X, B, Params, Y *Tensor
	Rows, C         int
	Slope, Rate     float32
	Streams         []uint32
}

// Kernel implements Op.
func (o *BiasLeakyDropout) Kernel() string { return "bias_leaky_dropout" }

// Shape implements Op.
func (o *BiasLeakyDropout) Shape() string {
	return fmt.Sprintf("%dx%d rate %g streams %v", o.Rows, o.C, o.Rate, o.Streams)
}

// Reads implements Op.
func (o *BiasLeakyDropout) Reads() []*Tensor { return []*Tensor{o.X, o.B, o.Params} }

// Writes implements Op.
func (o *BiasLeakyDropout) Writes() []*Tensor { return []*Tensor{o.Y} }

// FLOPs implements Op.
func (o *BiasLeakyDropout) FLOPs() int64 { return 3 * int64(o.Rows) * int64(o.C) }

// Validate implements Op.
func (o *BiasLeakyDropout) Validate() error {
	if err := CheckLen(o.Params, ParamWords, U32); err != nil {
		return err
	}
	if err := checkStreamParts(o.Streams, o.Rows*o.C); err != nil {
		return err
	}
	n := o.Rows * o.C
	return CheckLens(o.X, n, o.B, o.C, o.Y, n)
}

// DropoutLeakyBwd is the gradient through BiasLeakyDropout's dropout and
// LeakyReLU, from its output y: dx[i] = keep(i) ? (y[i] > 0 ? dy[i]·s :
// Slope·(dy[i]·s)) : 0 with s = DropScale(Rate) (a kept y is positive
// exactly where the LeakyReLU's input was), over parts of the elements
// with streams of their own as in BiasLeakyDropout. The same float32
// operations as Dropout's backward pass and then ActivationBwd.
type DropoutLeakyBwd struct {
	Y, DY, Params, DX *Tensor
	N                 int
	Slope, Rate       float32
	Streams           []uint32
}

// Kernel implements Op.
func (o *DropoutLeakyBwd) Kernel() string { return "dropout_leaky_bwd" }

// Shape implements Op.
func (o *DropoutLeakyBwd) Shape() string {
	return fmt.Sprintf("%d rate %g streams %v", o.N, o.Rate, o.Streams)
}

// Reads implements Op.
func (o *DropoutLeakyBwd) Reads() []*Tensor { return []*Tensor{o.Y, o.DY, o.Params} }

// Writes implements Op.
func (o *DropoutLeakyBwd) Writes() []*Tensor { return []*Tensor{o.DX} }

// FLOPs implements Op.
func (o *DropoutLeakyBwd) FLOPs() int64 { return 2 * int64(o.N) }

// Validate implements Op.
func (o *DropoutLeakyBwd) Validate() error {
	if err := CheckLen(o.Params, ParamWords, U32); err != nil {
		return err
	}
	if err := checkStreamParts(o.Streams, o.N); err != nil {
		return err
	}
	return CheckLens(o.Y, o.N, o.DY, o.N, o.DX, o.N)
}

// checkStreamParts fails unless n elements split into one or two parts,
// one a stream, each a whole number of four-element Philox blocks where
// there are two.
func checkStreamParts(streams []uint32, n int) error {
	switch {
	case len(streams) == 1:
		return nil
	case len(streams) == 2 && n%8 == 0:
		return nil
	}
	return fmt.Errorf("%d elements in %d stream parts: want 1 part, or 2 of a multiple of 4 each", n, len(streams))
}
