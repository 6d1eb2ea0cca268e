package check

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"dcganvk/nn/op"
)

// rowScaleShapes have rows of a length that is not a multiple of 4 (so the
// float path runs), rows that split a workgroup, and the discriminator's
// per-image gradients at batch 3 (conv2's, conv1's and its input's).
var rowScaleShapes = []struct{ rows, c int }{
	{1, 1}, {3, 7}, {37, 53}, {5, 4}, {300, 12}, {3, 49 * 128}, {3, 196 * 64}, {3, 784},
}

func TestRowScaleMatchesReference(t *testing.T) {
	dev := openDevice(t)
	rng := rand.New(rand.NewPCG(91, 92))
	for _, s := range rowScaleShapes {
		t.Run(fmt.Sprintf("%dx%d", s.rows, s.c), func(t *testing.T) {
			o := &op.RowScale{Y: op.NewF32("y", s.rows, s.c), S: op.NewF32("s", s.rows), Rows: s.rows, C: s.c}
			expectMatch(t, dev, o, rng, nil, DefaultThreshold)
		})
	}
}

func TestFillMatchesReference(t *testing.T) {
	dev := openDevice(t)
	rng := rand.New(rand.NewPCG(93, 94))
	for _, n := range []int{1, 3, 257} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			o := &op.Fill{Y: op.NewF32("y", n), N: n, Value: -2.5}
			expectMatch(t, dev, o, rng, nil, DefaultThreshold)
		})
	}
}
