package check

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"dcganvk/nn/op"
)

// TestGatherImagesMatchesReference builds batches from packed images: MNIST's
// real shape, an image size of 13 bytes (images straddle words), a batch of
// the whole set, and a batch that runs past the end of the order (NaN rows
// on both executors).
func TestGatherImagesMatchesReference(t *testing.T) {
	dev := openDevice(t)
	rng := rand.New(rand.NewPCG(23, 24))
	cases := []struct{ count, batch, pixels, offset int }{
		{60000, 4, 784, 59990},
		{37, 5, 13, 7},
		{10, 10, 13, 0},
		{1, 1, 1, 0},
		{20, 6, 13, 17},
	}
	for _, c := range cases {
		images := &op.Tensor{Name: "images", Shape: []int{(c.count*c.pixels + 3) / 4}, Type: op.U32, Kind: op.Bytes}
		order := &op.Tensor{Name: "order", Shape: []int{c.count}, Type: op.U32, Kind: op.Index, Bound: c.count}
		p := op.NewParams("params")
		o := &op.GatherImages{Images: images, Order: order, Params: p, Y: op.NewF32("y", c.batch, c.pixels),
			Count: c.count, Batch: c.batch, Pixels: c.pixels}
		params := op.StepParams{Step: 1, BatchOffset: uint32(c.offset)}.Words()
		t.Run(fmt.Sprintf("%d_of_%dx%d/offset%d", c.batch, c.count, c.pixels, c.offset), func(t *testing.T) {
			expectMatch(t, dev, o, rng, map[*op.Tensor][]float32{p: params}, DefaultThreshold)
		})
	}
}
