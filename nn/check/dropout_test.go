package check

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"dcganvk/nn/dcgan"
	"dcganvk/nn/op"
)

// TestDropoutMatchesReference runs dropout forward and backward, on random
// inputs and on ones (whose output is the mask itself), at awkward sizes and
// the discriminator's sizes at batch 4, for every dropout stream. Masks and
// outputs must match bit for bit.
func TestDropoutMatchesReference(t *testing.T) {
	dev := openDevice(t)
	rng := rand.New(rand.NewPCG(17, 18))
	const batch = 4
	sizes := []int{1, 257, batch * 14 * 14 * 64, batch * 7 * 7 * 128}
	streams := []uint32{dcgan.StreamDropout1, dcgan.StreamDropout2, dcgan.StreamDropout3, dcgan.StreamDropout4}
	for i, n := range sizes {
		for _, backward := range []bool{false, true} {
			in, out := op.NewF32("in", n), op.NewF32("out", n)
			o := &op.Dropout{In: in, Params: op.NewParams("params"), Out: out, N: n,
				Rate: dcgan.DropoutRate, Stream: streams[i%len(streams)], Backward: backward}
			t.Run(fmt.Sprintf("%s/%d", o.Kernel(), n), func(t *testing.T) {
				expectMatch(t, dev, o, rng, nil, 0)
				ones := make([]float32, n)
				for j := range ones {
					ones[j] = 1
				}
				expectMatch(t, dev, o, rng, map[*op.Tensor][]float32{in: ones}, 0)
			})
		}
	}
}
