package op

import "fmt"

// GatherImages builds a batch from the device-resident training set:
//
//	y[b*Pixels+p] = (float(pixel(order[offset+b], p)) - 127.5) / 127.5
//
// for b < Batch, where offset is the step's batch offset (step parameter
// block), order is the epoch's shuffled index, and pixel(i, p) is byte
// i*Pixels+p of Images, four bytes to a word, little-endian.
type GatherImages struct {
	Images, Order, Params, Y *Tensor
	Count, Batch, Pixels     int
}

// Kernel implements Op.
func (o *GatherImages) Kernel() string { return "gather_images" }

// Shape implements Op.
func (o *GatherImages) Shape() string {
	return fmt.Sprintf("%d of %d x %d", o.Batch, o.Count, o.Pixels)
}

// Reads implements Op.
func (o *GatherImages) Reads() []*Tensor { return []*Tensor{o.Images, o.Order, o.Params} }

// Writes implements Op.
func (o *GatherImages) Writes() []*Tensor { return []*Tensor{o.Y} }

// FLOPs implements Op.
func (o *GatherImages) FLOPs() int64 { return 2 * int64(o.Batch) * int64(o.Pixels) }

// Validate implements Op.
func (o *GatherImages) Validate() error {
	if err := CheckLen(o.Images, (o.Count*o.Pixels+3)/4, U32); err != nil {
		return err
	}
	if err := CheckLen(o.Order, o.Count, U32); err != nil {
		return err
	}
	if err := CheckLen(o.Params, ParamWords, U32); err != nil {
		return err
	}
	return CheckLen(o.Y, o.Batch*o.Pixels, F32)
}
