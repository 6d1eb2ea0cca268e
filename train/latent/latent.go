package latent

import (
	"fmt"
	"math"

	"dcganvk/nn/dcgan"
	"dcganvk/nn/op"
	"dcganvk/nn/ref"
)

// MaxVectorIndex bounds the index of a named noise vector.
const MaxVectorIndex = 1 << 16

// NoiseVectors returns vectors idx of seed's noise set: vector i is the same
// whatever else is asked for (it is drawn from its own Philox counters).
func NoiseVectors(seed uint64, idx ...int) ([][]float32, error) {
	top := 0
	for _, i := range idx {
		if i < 0 || i >= MaxVectorIndex {
			return nil, fmt.Errorf("vector index %d out of range [0, %d)", i, MaxVectorIndex)
		}
		top = max(top, i+1)
	}
	all := FixedNoise(seed, top)
	out := make([][]float32, len(idx))
	for k, i := range idx {
		out[k] = all[i*dcgan.NoiseDim : (i+1)*dcgan.NoiseDim]
	}
	return out, nil
}

// FixedNoise draws n noise vectors of seed from the fixed-noise stream:
// vector i is the same whatever n is.
func FixedNoise(seed uint64, n int) []float32 {
	v := make([]float32, n*dcgan.NoiseDim)
	ref.RandomNormal(op.StepParams{Seed: seed}, dcgan.StreamFixed, v)
	return v
}

// Slerp interpolates spherically from a (t = 0) to b (t = 1), as the DCGAN
// papers walk the latent space; nearly parallel vectors fall back to a
// straight line.
func Slerp(a, b []float32, t float64) []float32 {
	var dot, na, nb float64
	for i := range a {
		dot += float64(a[i]) * float64(b[i])
		na += float64(a[i]) * float64(a[i])
		nb += float64(b[i]) * float64(b[i])
	}
	out := make([]float32, len(a))
	cos := dot / math.Sqrt(na*nb)
	omega := math.Acos(math.Max(-1, math.Min(1, cos)))
	wa, wb := 1-t, t
	if s := math.Sin(omega); s > 1e-6 {
		wa, wb = math.Sin((1-t)*omega)/s, math.Sin(t*omega)/s
	}
	for i := range a {
		out[i] = float32(wa*float64(a[i]) + wb*float64(b[i]))
	}
	return out
}
