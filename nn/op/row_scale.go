package op

import "fmt"

// RowScale multiplies each row of Y [Rows, C] by its own factor, in place:
// y[r*C+c] *= s[r]. A row is one image of a batch, so this scales each
// image's gradient by a per-image number, such as its loss's gradient at
// the logit.
type RowScale struct {
	Y, S    *Tensor
	Rows, C int
}

// Kernel implements Op.
func (o *RowScale) Kernel() string { return "row_scale" }

// Shape implements Op.
func (o *RowScale) Shape() string { return fmt.Sprintf("%dx%d", o.Rows, o.C) }

// Reads implements Op.
func (o *RowScale) Reads() []*Tensor { return []*Tensor{o.S, o.Y} }

// Writes implements Op.
func (o *RowScale) Writes() []*Tensor { return []*Tensor{o.Y} }

// FLOPs implements Op.
func (o *RowScale) FLOPs() int64 { return int64(o.Rows) * int64(o.C) }

// Validate implements Op.
func (o *RowScale) Validate() error { return CheckLens(o.Y, o.Rows*o.C, o.S, o.Rows) }
