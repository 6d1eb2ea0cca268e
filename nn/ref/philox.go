package ref

import (
	"math/bits"

	"dcganvk/nn/op"
)

// Philox4x32-10's round multipliers and key schedule increments.
const (
	philoxM0 = 0xD2511F53
	philoxM1 = 0xCD9E8D57
	philoxW0 = 0x9E3779B9
	philoxW1 = 0xBB67AE85
)

// Philox4x32 is the Philox4x32-10 block of counter ctr under key (Salmon,
// Moraes, Dror, Shaw, SC11), bit for bit Random123's philox4x32_10 and
// shaders/philox.glsl: ten rounds, the key bumped before each round after
// the first.
func Philox4x32(ctr [4]uint32, key [2]uint32) [4]uint32 {
	for r := 0; r < 10; r++ {
		if r > 0 {
			key[0] += philoxW0
			key[1] += philoxW1
		}
		hi0, lo0 := bits.Mul32(philoxM0, ctr[0])
		hi1, lo1 := bits.Mul32(philoxM1, ctr[2])
		ctr = [4]uint32{hi1 ^ ctr[1] ^ key[0], lo1, hi0 ^ ctr[3] ^ key[1], lo0}
	}
	return ctr
}

// stepBlock is the block of element i of a stream at the step of p
// (nn/op/random.go): counter {i, step, stream, 0}, key {seed lo, seed hi}.
func stepBlock(p op.StepParams, stream, i uint32) [4]uint32 {
	return Philox4x32([4]uint32{i, p.Step, stream, 0}, [2]uint32{uint32(p.Seed), uint32(p.Seed >> 32)})
}

// bits24 is the top 24 bits of a word, the part the recipe uses.
func bits24(w uint32) uint32 { return w >> 8 }

// unit24 is a word's uniform number in [0, 1): bits24(w)·2⁻²⁴, exact in float32.
func unit24(w uint32) float64 { return float64(bits24(w)) / (1 << 24) }
