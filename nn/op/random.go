package op

import (
	"fmt"
	"math"
)

// The random numbers of a step come from Philox4x32-10 (Salmon et al., 2011),
// a counter-based generator that the GPU and the CPU compute identically:
// element i of stream s at step t uses the block
//
//	philox4x32_10(key = {seed lo, seed hi}, counter = {i, t, s, 0})
//
// with seed and t read from the step parameter block. From its four words
// w0..w3:
//
//	uniform  u = float(w0 >> 8) · 2⁻²⁴                        in [0, 1)
//	normal   z = sqrt(-2·ln u1) · cos(2π·u2), u1 = (float(w0 >> 8) + 1)·2⁻²⁴,
//	             u2 = float(w1 >> 8)·2⁻²⁴                    (Box-Muller)
//	dropout  keep element i when (w[i%4] >> 8) >= DropThreshold(rate), where w
//	         is the block of counter {i/4, t, s, 0}: one block serves four
//	         elements
//
// The uniform bits and dropout masks are the same on every device; normals
// agree to the rounding of the device's log and cos.

// RandomFill fills Y [N] with uniform [0,1) or standard normal numbers of
// the given stream.
type RandomFill struct {
	Params, Y *Tensor
	N         int
	Stream    uint32
	Normal    bool
}

// Kernel implements Op.
func (o *RandomFill) Kernel() string {
	if o.Normal {
		return "random_normal"
	}
	return "random_uniform"
}

// Shape implements Op.
func (o *RandomFill) Shape() string { return fmt.Sprintf("%d stream %d", o.N, o.Stream) }

// Reads implements Op.
func (o *RandomFill) Reads() []*Tensor { return []*Tensor{o.Params} }

// Writes implements Op.
func (o *RandomFill) Writes() []*Tensor { return []*Tensor{o.Y} }

// FLOPs implements Op (Philox's integer work is not counted).
func (o *RandomFill) FLOPs() int64 { return 4 * int64(o.N) }

// Validate implements Op.
func (o *RandomFill) Validate() error {
	if err := CheckLen(o.Params, ParamWords, U32); err != nil {
		return err
	}
	return CheckLen(o.Y, o.N, F32)
}

// DropThreshold is the 24-bit threshold below which an element is dropped.
func DropThreshold(rate float32) uint32 {
	return uint32(math.Round(float64(rate) * (1 << 24)))
}

// DropScale is the factor kept elements are multiplied by, 1/(1-rate) in float32.
func DropScale(rate float32) float32 { return float32(1 / (1 - float64(rate))) }
