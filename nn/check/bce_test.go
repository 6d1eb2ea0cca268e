package check

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"dcganvk/nn/op"
)

// TestBCELogitsMatchesReference runs the loss and its gradient for both
// targets at batch sizes around the DCGAN's, with logits of unit scale and
// of scale 20 (far into both tails of the sigmoid), from the start of the
// logits and from an offset.
func TestBCELogitsMatchesReference(t *testing.T) {
	dev := openDevice(t)
	rng := rand.New(rand.NewPCG(19, 20))
	for _, n := range []int{1, 5, 255, 256, 300, 512, 1000} {
		for i, target := range []float32{0, 1} {
			for _, scale := range []float32{1, 20} {
				// Logits from an offset, with more after them, for the
				// second target: half of a batch of real and fake ones.
				offset := 3 * i
				logits := op.NewF32("logits", offset+n+2*i, 1)
				o := &op.BCELogits{Logits: logits, Loss: op.NewF32("loss", 1), Grad: op.NewF32("grad", n, 1),
					N: n, Offset: offset, Target: target}
				x := RandomInput(logits, rng)
				for i := range x {
					x[i] *= scale
				}
				t.Run(fmt.Sprintf("%d/from%d/target%g/scale%g", n, offset, target, scale), func(t *testing.T) {
					expectMatch(t, dev, o, rng, map[*op.Tensor][]float32{logits: x}, DefaultThreshold)
				})
			}
		}
	}
}
