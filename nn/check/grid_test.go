package check

import (
	"math"
	"math/rand/v2"
	"testing"

	"dcganvk/nn/op"
)

func TestGridPixelsMatchesReferenceExactly(t *testing.T) {
	dev := openDevice(t)
	rng := rand.New(rand.NewPCG(41, 42))
	for _, g := range []op.GridPixels{
		{N: 16, Size: 28, Channels: 1, Cols: 4, Scale: 4, Gap: 4, Background: 64},
		{N: 5, Size: 3, Channels: 1, Cols: 2, Scale: 3, Gap: 1, Background: 200},
		{N: 7, Size: 5, Channels: 1, Cols: 7, Scale: 1, Gap: 0},
		{N: 5, Size: 7, Channels: 3, Cols: 2, Scale: 3, Gap: 1, Background: 90},
		{N: 3, Size: 5, Channels: 3, Cols: 3, Scale: 2, Gap: 2, Background: 30, BGRA: true},
		{N: 4, Size: 3, Channels: 1, Cols: 3, Scale: 1, Gap: 1, Background: 7, BGRA: true},
	} {
		o := g
		o.Images = op.NewF32("images", o.N, o.Size, o.Size, o.Channels)
		o.Pixels = &op.Tensor{Name: "pixels", Shape: []int{o.Width() * o.Height()}, Type: op.U32}
		images := make([]float32, o.Images.Len())
		for i := range images {
			images[i] = float32(rng.Float64()*2.4 - 1.2) // past both ends of [-1, 1], to test the clamps
		}
		images[0] = float32(math.NaN())
		expectMatch(t, dev, &o, rng, map[*op.Tensor][]float32{o.Images: images}, 0)
	}
}
