package check

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"dcganvk/nn/dcgan"
	"dcganvk/nn/op"
)

// TestActivationsMatchReference runs every activation, forward and backward,
// at awkward sizes and at the DCGAN's activation sizes at batch 4. ReLU and
// LeakyReLU must match bit for bit (a compare and a float32 product).
func TestActivationsMatchReference(t *testing.T) {
	dev := openDevice(t)
	rng := rand.New(rand.NewPCG(11, 12))
	const batch = 4
	sizes := []int{1, 257, 1000, batch * 28 * 28, batch * 7 * 7 * 128, batch * 14 * 14 * 64}
	for _, fn := range []op.Activation{op.ReLU, op.LeakyReLU, op.Tanh} {
		threshold := 0.0
		if fn == op.Tanh {
			threshold = DefaultThreshold
		}
		for _, n := range sizes {
			t.Run(fmt.Sprintf("%v/%d", fn, n), func(t *testing.T) {
				x, y := op.NewF32("x", n), op.NewF32("y", n)
				// Not the model's 0.3, the shaders' default, so that a slope
				// the host fails to pass shows.
				const slope = 0.17
				expectMatch(t, dev, &op.ActivationFwd{Fn: fn, X: x, Y: y, N: n, Slope: slope}, rng, nil, threshold)
				dy, dx := op.NewF32("dy", n), op.NewF32("dx", n)
				expectMatch(t, dev, &op.ActivationBwd{Fn: fn, Y: y, DY: dy, DX: dx, N: n, Slope: slope}, rng, nil, threshold)
			})
		}
	}
}

// TestElementwiseGridSecondRow runs an elementwise kernel that takes one
// element an invocation over more than 65535 workgroups of 256, so that
// the grid needs a second row.
func TestElementwiseGridSecondRow(t *testing.T) {
	dev := openDevice(t)
	rng := rand.New(rand.NewPCG(13, 14))
	n := 65535*256 + 1000
	o := &op.RandomFill{Params: op.NewParams("params"), Y: op.NewF32("y", n), N: n, Stream: dcgan.StreamNoise}
	expectMatch(t, dev, o, rng, nil, 0)
}
