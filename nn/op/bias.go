package op

import "fmt"

// BiasAdd adds a per-feature bias in place: y[r*C+c] += b[c] for r < Rows.
// A Dense layer has Rows = batch; a conv layer Rows = batch*height*width.
type BiasAdd struct {
	Y, B    *Tensor
	Rows, C int
}

// Kernel implements Op.
func (o *BiasAdd) Kernel() string { return "bias_add" }

// Shape implements Op.
func (o *BiasAdd) Shape() string { return fmt.Sprintf("%dx%d", o.Rows, o.C) }

// Reads implements Op.
func (o *BiasAdd) Reads() []*Tensor { return []*Tensor{o.B, o.Y} }

// Writes implements Op.
func (o *BiasAdd) Writes() []*Tensor { return []*Tensor{o.Y} }

// FLOPs implements Op.
func (o *BiasAdd) FLOPs() int64 { return int64(o.Rows) * int64(o.C) }

// Validate implements Op.
func (o *BiasAdd) Validate() error { return CheckLens(o.Y, o.Rows*o.C, o.B, o.C) }

// BiasGrad is the bias gradient, db[c] = Σ_r dy[r*C+c] (plus the old db
// when Accumulate), summed in a fixed order so every run gives the same bits.
type BiasGrad struct {
	DY, DB     *Tensor
	Rows, C    int
	Accumulate bool
}

// Kernel implements Op.
func (o *BiasGrad) Kernel() string { return "bias_grad" }

// Shape implements Op.
func (o *BiasGrad) Shape() string {
	return fmt.Sprintf("%dx%d", o.Rows, o.C) + accumulateSuffix(o.Accumulate)
}

// Reads implements Op.
func (o *BiasGrad) Reads() []*Tensor { return withAccumulator([]*Tensor{o.DY}, o.DB, o.Accumulate) }

// Writes implements Op.
func (o *BiasGrad) Writes() []*Tensor { return []*Tensor{o.DB} }

// FLOPs implements Op.
func (o *BiasGrad) FLOPs() int64 { return int64(o.Rows) * int64(o.C) }

// Validate implements Op.
func (o *BiasGrad) Validate() error { return CheckLens(o.DY, o.Rows*o.C, o.DB, o.C) }
