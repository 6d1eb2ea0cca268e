package op

import "fmt"

// Dropout is inverted dropout, out[i] = in[i]·DropScale(Rate) where element
// i of the stream is kept at this step (see random.go), else 0. The map is
// linear, so the backward pass (Backward set: in = dy, out = dx) is the same
// formula with the same mask, recomputed from the same stream and step.
type Dropout struct {
	In, Params, Out *Tensor
	N               int
	Rate            float32
	Stream          uint32
	Backward        bool
}

// Kernel implements Op.
func (o *Dropout) Kernel() string {
	if o.Backward {
		return "dropout_bwd"
	}
	return "dropout_fwd"
}

// Shape implements Op.
func (o *Dropout) Shape() string { return fmt.Sprintf("%d rate %g stream %d", o.N, o.Rate, o.Stream) }

// Reads implements Op.
func (o *Dropout) Reads() []*Tensor { return []*Tensor{o.In, o.Params} }

// Writes implements Op.
func (o *Dropout) Writes() []*Tensor { return []*Tensor{o.Out} }

// FLOPs implements Op.
func (o *Dropout) FLOPs() int64 { return int64(o.N) }

// Validate implements Op.
func (o *Dropout) Validate() error {
	if err := CheckLen(o.Params, ParamWords, U32); err != nil {
		return err
	}
	return CheckLens(o.In, o.N, o.Out, o.N)
}
