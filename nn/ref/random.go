package ref

import (
	"math"

	"dcganvk/nn/op"
)

// RandomUniform fills y with the uniform [0, 1) numbers of a stream at the
// step of p: y[i] = bits24(w0)·2⁻²⁴ of element i's Philox block.
func RandomUniform(p op.StepParams, stream uint32, y []float32) {
	for i := range y {
		y[i] = float32(unit24(stepBlock(p, stream, uint32(i))[0]))
	}
}

// RandomNormal fills y with the standard normal numbers of a stream at the
// step of p, by Box-Muller in float64 from element i's Philox block:
// y[i] = sqrt(-2·ln u1)·cos(2π·u2), u1 = (bits24(w0)+1)·2⁻²⁴, u2 = bits24(w1)·2⁻²⁴.
func RandomNormal(p op.StepParams, stream uint32, y []float32) {
	for i := range y {
		w := stepBlock(p, stream, uint32(i))
		u1 := (float64(bits24(w[0])) + 1) / (1 << 24)
		y[i] = float32(math.Sqrt(-2*math.Log(u1)) * math.Cos(2*math.Pi*unit24(w[1])))
	}
}
