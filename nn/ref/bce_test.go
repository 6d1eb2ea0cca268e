package ref

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// TestBCELogitsGradMatchesFiniteDifferences checks the gradient of
// BCELogits against central differences of its loss, for both targets,
// with logits far out in both tails among them.
func TestBCELogitsGradMatchesFiniteDifferences(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	x := append(randomFloat64s(rng, 7, 0), -30, 25)
	for _, target := range []float32{0, 1} {
		t.Run(fmt.Sprint("target ", target), func(t *testing.T) {
			loss, grad := make([]float64, 1), make([]float64, len(x))
			forward := func() float64 {
				BCELogits(x, target, loss, grad)
				return loss[0]
			}
			forward()
			analytic := append([]float64(nil), grad...) // forward overwrites grad
			expectGradient(t, "x", forward, x, analytic)
		})
	}
}

// TestBCELogitsKnownValues checks the loss at logit 0 (log 2 for either
// target) and the stable form far out in the tails.
func TestBCELogitsKnownValues(t *testing.T) {
	loss, grad := make([]float64, 1), make([]float64, 2)
	BCELogits([]float64{0, 0}, 1, loss, grad)
	if math.Abs(loss[0]-math.Ln2) > 1e-15 || grad[0] != -0.25 {
		t.Errorf("logit 0, target 1: loss %g grad %g, want log 2 and -1/4", loss[0], grad[0])
	}
	BCELogits([]float64{-100, 100}, 1, loss, grad)
	if math.Abs(loss[0]-50) > 1e-12 || grad[0] != -0.5 || grad[1] >= 0 || grad[1] < -1e-40 {
		t.Errorf("logits ±100, target 1: loss %g grads %g %g, want 50, -1/2 and a tiny negative", loss[0], grad[0], grad[1])
	}
}
