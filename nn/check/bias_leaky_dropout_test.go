package check

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"dcganvk/nn/dcgan"
	"dcganvk/nn/op"
)

// TestBiasLeakyDropoutMatchesReference runs the fused conv epilogue and its
// backward pass at feature counts that are and are not multiples of 4,
// element counts that leave a tail, and the discriminator's sizes at batch
// 3, with a slope and rate other than the model's, over one stream and
// over two (two batches as one). Outputs must match bit for bit.
func TestBiasLeakyDropoutMatchesReference(t *testing.T) {
	dev := openDevice(t)
	rng := rand.New(rand.NewPCG(19, 20))
	shapes := []struct{ rows, c int }{{1, 1}, {7, 5}, {37, 3}, {9, 12}, {2 * 7, 4}, {6 * 196, 64}, {6 * 49, 128}}
	for i, s := range shapes {
		for _, rate := range []float32{dcgan.DropoutRate, 0.5} {
			n := s.rows * s.c
			streams := []uint32{dcgan.StreamDropout1 + uint32(i%4)}
			if n%8 == 0 {
				streams = append(streams, dcgan.StreamDropout4)
			}
			x, b, y := op.NewF32("x", s.rows, s.c), op.NewF32("b", s.c), op.NewF32("y", n)
			params := op.NewParams("params")
			t.Run(fmt.Sprintf("%dx%d/rate=%g/streams=%v", s.rows, s.c, rate, streams), func(t *testing.T) {
				fwd := &op.BiasLeakyDropout{X: x, B: b, Params: params, Y: y, Rows: s.rows, C: s.c,
					Slope: 0.17, Rate: rate, Streams: streams}
				expectMatch(t, dev, fwd, rng, nil, 0)
				dy, dx := op.NewF32("dy", n), op.NewF32("dx", n)
				bwd := &op.DropoutLeakyBwd{Y: y, DY: dy, Params: params, DX: dx, N: n, Slope: 0.17, Rate: rate, Streams: streams}
				expectMatch(t, dev, bwd, rng, nil, 0)
			})
		}
	}
}
