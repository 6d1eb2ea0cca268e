package op

import "fmt"

// Fill sets every element of Y to Value: y[i] = Value for i < N.
type Fill struct {
	Y     *Tensor
	N     int
	Value float32
}

// Kernel implements Op.
func (o *Fill) Kernel() string { return "fill" }

// Shape implements Op.
func (o *Fill) Shape() string { return fmt.Sprintf("%d with %g", o.N, o.Value) }

// Reads implements Op.
func (o *Fill) Reads() []*Tensor { return nil }

// Writes implements Op.
func (o *Fill) Writes() []*Tensor { return []*Tensor{o.Y} }

// FLOPs implements Op.
func (o *Fill) FLOPs() int64 { return 0 }

// Validate implements Op.
func (o *Fill) Validate() error { return CheckLens(o.Y, o.N) }
