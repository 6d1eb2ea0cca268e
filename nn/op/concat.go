package op

import "fmt"

// Concat writes A's elements and then B's into Y: Y = [A; B] along the
// first axis (two batches into one, say).
type Concat struct {
	A, B, Y *Tensor
}

// Kernel implements Op.
func (o *Concat) Kernel() string { return "concat" }

// Shape implements Op.
func (o *Concat) Shape() string { return fmt.Sprintf("%d+%d", o.A.Len(), o.B.Len()) }

// Reads implements Op.
func (o *Concat) Reads() []*Tensor { return []*Tensor{o.A, o.B} }

// Writes implements Op.
func (o *Concat) Writes() []*Tensor { return []*Tensor{o.Y} }

// FLOPs implements Op.
func (o *Concat) FLOPs() int64 { return 0 }

// Validate implements Op.
func (o *Concat) Validate() error {
	if o.A == nil || o.B == nil {
		return fmt.Errorf("concat of a missing tensor")
	}
	return CheckLens(o.A, o.A.Len(), o.B, o.B.Len(), o.Y, o.A.Len()+o.B.Len())
}
