package ref

import (
	"math"
	"math/rand/v2"
	"testing"

	"dcganvk/nn/dcgan"
	"dcganvk/nn/op"
)

// TestActivationBwdMatchesFiniteDifferences checks each ActivationBwd,
// computed from the forward output, against L = Σ f(x)·w of ActivationFwd
// for a fixed random w.
func TestActivationBwdMatchesFiniteDifferences(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	const n = 12
	for _, fn := range []op.Activation{op.ReLU, op.LeakyReLU, op.Tanh} {
		t.Run(fn.String(), func(t *testing.T) {
			x := randomFloat64s(rng, n, 0)
			for i, v := range x {
				if math.Abs(v) < 1e-3 { // keep the kinks of ReLU and LeakyReLU out of reach of the differences
					x[i] = math.Copysign(1e-3, v)
				}
			}
			w := randomFloat64s(rng, n, 0)
			y := make([]float64, n)
			forward := func() float64 {
				ActivationFwd(fn, dcgan.LeakySlope, x, y)
				var l float64
				for i := range y {
					l += y[i] * w[i]
				}
				return l
			}
			forward()
			dx := make([]float64, n)
			ActivationBwd(fn, dcgan.LeakySlope, y, w, dx)
			expectGradient(t, "x", forward, x, dx)
		})
	}
}
