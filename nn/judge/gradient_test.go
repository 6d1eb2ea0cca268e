package judge

import (
	"math"
	"math/rand/v2"
	"testing"

	"dcganvk/nn/dcgan"
	"dcganvk/nn/op"
	"dcganvk/nn/ref"
)

// TestGradientsMatchFiniteDifferences checks the wiring of the judge's
// backward pass on the CPU reference: for each parameter tensor, the
// gradient's component along a random direction d against the central
// difference (L(w+εd) − L(w−εd))/2ε of the step's loss, with the same
// dropout masks (same step and seed) in every run.
func TestGradientsMatchFiniteDifferences(t *testing.T) {
	const n = 4
	s, err := NewTrainStep(n, n)
	if err != nil {
		t.Fatal(err)
	}
	exec := ref.New(s.Plan)
	defer exec.Close()
	rng := rand.New(rand.NewPCG(6, 7))
	state := s.W.InitialWeights(9)
	weights := make([]float32, s.W.Flat.Len())
	for _, v := range s.W.Views() {
		data := state[v]
		if data == nil { // biases: small random values, so that their gradients matter
			data = make([]float32, v.Len())
			for i := range data {
				data[i] = float32(0.1 * rng.NormFloat64())
			}
		}
		copy(weights[v.Offset:], data)
	}
	images := make([]uint32, s.Images.Len())
	for i := range images {
		images[i] = rng.Uint32()
	}
	state = map[*op.Tensor][]float32{
		s.Images: op.AsFloat32(images), s.Order: op.AsFloat32([]uint32{2, 0, 3, 1}),
		s.Labels: op.AsFloat32([]uint32{3, 7, 7, 0}), s.Params: dcgan.StepParams(5, 11, 0, 1e-3).Words(),
	}
	if err := op.WriteAll(state, exec); err != nil {
		t.Fatal(err)
	}
	loss := func(w []float32) float64 {
		t.Helper()
		if err := exec.Write(s.W.Flat, w); err != nil {
			t.Fatal(err)
		}
		if err := exec.Run(s.Plan); err != nil {
			t.Fatal(err)
		}
		l, err := exec.Read(s.Loss)
		if err != nil {
			t.Fatal(err)
		}
		return float64(l[0])
	}
	loss(weights)
	grad, err := exec.Read(s.Grad.Flat)
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range s.W.Views() {
		d := make([]float64, v.Len())
		var analytic, norm float64
		for i := range d {
			d[i] = rng.NormFloat64()
			norm += d[i] * d[i]
		}
		for i := range d {
			d[i] /= math.Sqrt(norm)
			analytic += d[i] * float64(grad[v.Offset+i])
		}
		const eps = 3e-4
		shifted := func(sign float64) []float32 {
			w := append([]float32(nil), weights...)
			for i := range d {
				w[v.Offset+i] += float32(sign * eps * d[i])
			}
			return w
		}
		numeric := (loss(shifted(1)) - loss(shifted(-1))) / (2 * eps)
		if math.Abs(numeric-analytic) > 5e-2*math.Abs(analytic)+1e-4 {
			t.Errorf("%s: directional derivative %.6g by the gradient, %.6g by finite differences", v.Name, analytic, numeric)
		}
	}
}
