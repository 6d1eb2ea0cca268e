package ref

import (
	"math"
	"testing"

	"dcganvk/nn/dcgan"
	"dcganvk/nn/op"
)

// TestPhilox4x32KnownAnswers checks Philox4x32 against the philox4x32 10
// known-answer vectors of Random123 (tests/kat_vectors): counter, key, result.
func TestPhilox4x32KnownAnswers(t *testing.T) {
	cases := []struct {
		ctr  [4]uint32
		key  [2]uint32
		want [4]uint32
	}{
		{[4]uint32{0, 0, 0, 0}, [2]uint32{0, 0},
			[4]uint32{0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8}},
		{[4]uint32{0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff}, [2]uint32{0xffffffff, 0xffffffff},
			[4]uint32{0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd}},
		{[4]uint32{0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344}, [2]uint32{0xa4093822, 0x299f31d0},
			[4]uint32{0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1}},
	}
	for _, c := range cases {
		if got := Philox4x32(c.ctr, c.key); got != c.want {
			t.Errorf("philox4x32_10(%08x, %08x) = %08x, want %08x", c.ctr, c.key, got, c.want)
		}
	}
}

// TestRandomStreamsStatistics checks the first two moments of the uniform
// and normal streams, that streams and steps differ, and the dropout rate.
func TestRandomStreamsStatistics(t *testing.T) {
	const n = 200000
	p := op.StepParams{Step: 3, Seed: 0x0123456789abcdef}
	u, z := make([]float32, n), make([]float32, n)
	RandomUniform(p, dcgan.StreamNoise, u)
	RandomNormal(p, dcgan.StreamNoise, z)
	mean, meanSq := moments(u)
	if math.Abs(mean-0.5) > 0.005 || math.Abs(meanSq-1.0/3) > 0.005 {
		t.Errorf("uniform: mean %g, mean square %g, want 1/2 and 1/3", mean, meanSq)
	}
	mean, meanSq = moments(z)
	if math.Abs(mean) > 0.01 || math.Abs(meanSq-1) > 0.01 {
		t.Errorf("normal: mean %g, variance %g, want 0 and 1", mean, meanSq)
	}
	other := make([]float32, n)
	RandomUniform(op.StepParams{Step: 4, Seed: p.Seed}, dcgan.StreamNoise, other)
	same := 0
	for i := range u {
		if u[i] == other[i] {
			same++
		}
	}
	if same > 10 {
		t.Errorf("steps 3 and 4 agree on %d of %d uniforms", same, n)
	}

	ones, out := make([]float32, n), make([]float32, n)
	for i := range ones {
		ones[i] = 1
	}
	Dropout(p, dcgan.StreamDropout1, dcgan.DropoutRate, ones, out)
	kept := 0
	for _, v := range out {
		switch v {
		case op.DropScale(dcgan.DropoutRate):
			kept++
		case 0:
		default:
			t.Fatalf("dropout of 1 gave %g, want 0 or %g", v, op.DropScale(dcgan.DropoutRate))
		}
	}
	if rate := 1 - float64(kept)/n; math.Abs(rate-dcgan.DropoutRate) > 0.005 {
		t.Errorf("dropped %g of the elements, want %g", rate, dcgan.DropoutRate)
	}
}

// moments is the mean and mean square of v.
func moments(v []float32) (mean, meanSq float64) {
	for _, x := range v {
		mean += float64(x)
		meanSq += float64(x) * float64(x)
	}
	return mean / float64(len(v)), meanSq / float64(len(v))
}
