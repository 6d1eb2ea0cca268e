package check

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"dcganvk/nn/dcgan"
	"dcganvk/nn/op"
)

// TestAdamMatchesReference runs Adam at awkward sizes and over the whole
// parameter buffers of both networks, for both learning-rate words. The
// rates are set large (0.3 and 0.7) so that the update is as big as the
// weights it changes, and a wrong rate or moment shows in W.
func TestAdamMatchesReference(t *testing.T) {
	dev := openDevice(t)
	rng := rand.New(rand.NewPCG(21, 22))
	params := op.StepParams{Step: 7, LRGen: 0.3, LRDisc: 0.7}.Words()
	sizes := []int{1, 1000, 4099, dcgan.NewDiscriminator("d", dcgan.MNIST).Flat.Len(), dcgan.NewGenerator("g", dcgan.MNIST).Flat.Len()}
	for _, n := range sizes {
		for _, slot := range []int{op.ParamLRGen, op.ParamLRDisc} {
			p := op.NewParams("params")
			o := &op.Adam{Params: p, G: op.NewF32("g", n), W: op.NewF32("w", n), M: op.NewF32("m", n),
				V: op.NewPositive("v", n), N: n, LRSlot: slot,
				Beta1: dcgan.AdamBeta1, Beta2: dcgan.AdamBeta2, Eps: dcgan.AdamEpsilon}
			t.Run(fmt.Sprintf("%d/slot%d", n, slot), func(t *testing.T) {
				expectMatch(t, dev, o, rng, map[*op.Tensor][]float32{p: params}, DefaultThreshold)
			})
		}
	}
}
