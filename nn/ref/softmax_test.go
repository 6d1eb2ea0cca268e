package ref

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestSoftmaxXentGradMatchesFiniteDifferences checks the gradient of
// SoftmaxXent against central differences of its loss, over rows with
// logits of unit scale and one row far out (where exp would overflow
// without the row's maximum taken out).
func TestSoftmaxXentGradMatchesFiniteDifferences(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	const c = 4
	x := append(randomFloat64s(rng, 3*c, 0), 800, -5, 790, 3)
	labels := []uint32{0, 3, 1, 2}
	loss, grad := make([]float64, 1), make([]float64, len(x))
	forward := func() float64 {
		SoftmaxXent(x, labels, c, loss, grad)
		return loss[0]
	}
	forward()
	analytic := append([]float64(nil), grad...) // forward overwrites grad
	expectGradient(t, "x", forward, x, analytic)
}

// TestSoftmaxXentKnownValues checks equal logits (loss log C, gradient
// 1/C less the label's 1), a label past C (NaN, as the kernel gives) and
// rows whose gradient sums to zero.
func TestSoftmaxXentKnownValues(t *testing.T) {
	loss, grad := make([]float64, 1), make([]float64, 6)
	SoftmaxXent([]float64{2, 2, 2, -1, -1, -1}, []uint32{1, 0}, 3, loss, grad)
	if math.Abs(loss[0]-math.Log(3)) > 1e-15 {
		t.Errorf("equal logits: loss %g, want log 3", loss[0])
	}
	want := []float64{1.0 / 6, 1.0/6 - 0.5, 1.0 / 6, 1.0/6 - 0.5, 1.0 / 6, 1.0 / 6}
	for i := range want {
		if math.Abs(grad[i]-want[i]) > 1e-15 {
			t.Errorf("grad[%d] %g, want %g", i, grad[i], want[i])
		}
	}
	SoftmaxXent([]float64{1, 2, 3}, []uint32{3}, 3, loss, grad)
	if !math.IsNaN(loss[0]) || !math.IsNaN(grad[0]) {
		t.Errorf("label 3 of 3 classes: loss %g grad %g, want NaN", loss[0], grad[0])
	}
}
