package check

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"dcganvk/nn/op"
)

// TestSoftmaxXentMatchesReference runs the loss and its gradient at row
// counts on both sides of the workgroup's 256 and past it, with 1 to 17
// classes, and logits of unit scale and of scale 30 (where one class takes
// nearly all the probability and exp without the row's maximum taken out
// would overflow).
func TestSoftmaxXentMatchesReference(t *testing.T) {
	dev := openDevice(t)
	rng := rand.New(rand.NewPCG(23, 24))
	for _, n := range []int{1, 7, 255, 256, 300, 1000} {
		for _, c := range []int{1, 3, 10, 17} {
			for _, scale := range []float32{1, 30} {
				logits := op.NewF32("logits", n, c)
				o := &op.SoftmaxXent{Logits: logits, N: n, C: c,
					Labels: &op.Tensor{Name: "labels", Shape: []int{n}, Type: op.U32, Kind: op.Index, Bound: c},
					Loss:   op.NewF32("loss", 1), Grad: op.NewF32("grad", n, c)}
				x := RandomInput(logits, rng)
				for i := range x {
					x[i] *= scale
				}
				t.Run(fmt.Sprintf("%dx%d/scale%g", n, c, scale), func(t *testing.T) {
					expectMatch(t, dev, o, rng, map[*op.Tensor][]float32{logits: x}, DefaultThreshold)
				})
			}
		}
	}
}
