package check

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"dcganvk/nn/dcgan"
	"dcganvk/nn/op"
)

// TestRandomFillMatchesReference runs both random fills at awkward sizes and
// the DCGAN's noise sizes at batch 4 and for the 16-image grid, from random
// seeds and steps. Uniform numbers must match bit for bit (threshold 0 is
// exact equality); normals go through the device's log and cos.
func TestRandomFillMatchesReference(t *testing.T) {
	dev := openDevice(t)
	rng := rand.New(rand.NewPCG(15, 16))
	sizes := []int{1, 257, 4 * 100, 16 * 100, 100003}
	for _, normal := range []bool{false, true} {
		threshold := 0.0
		if normal {
			threshold = DefaultThreshold
		}
		for _, n := range sizes {
			for _, stream := range []uint32{dcgan.StreamNoise, dcgan.StreamFixed} {
				y := op.NewF32("y", n)
				o := &op.RandomFill{Params: op.NewParams("params"), Y: y, N: n, Stream: stream, Normal: normal}
				t.Run(fmt.Sprintf("%s/%d/stream%d", o.Kernel(), n, stream), func(t *testing.T) {
					expectMatch(t, dev, o, rng, nil, threshold)
				})
			}
		}
	}
}
