package check

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"dcganvk/gpu"
	"dcganvk/nn/op"
)

// biasShapes are sizes that are not multiples of the workgroups, cover
// every column layout of bias_grad (see bnShapes), and include the
// discriminator's conv1, conv2 and dense biases at batch 3.
var biasShapes = []struct{ rows, c int }{
	{1, 1}, {37, 53}, {70, 1500}, {300, 2100}, {300, 7}, {1000, 3}, {70000, 3},
	{3 * 196, 64}, {3 * 49, 128}, {3, 1},
}

func TestBiasAddMatchesReference(t *testing.T) {
	dev := openDevice(t)
	rng := rand.New(rand.NewPCG(13, 14))
	for _, s := range biasShapes {
		t.Run(fmt.Sprintf("%dx%d", s.rows, s.c), func(t *testing.T) {
			o := &op.BiasAdd{Y: op.NewF32("y", s.rows, s.c), B: op.NewF32("b", s.c), Rows: s.rows, C: s.c}
			expectMatch(t, dev, o, rng, nil, DefaultThreshold)
		})
	}
}

func TestBiasGradMatchesReference(t *testing.T) {
	forEachColumnLayout(t, func(t *testing.T, dev *gpu.Device) {
		rng := rand.New(rand.NewPCG(15, 16))
		for _, s := range biasShapes {
			for _, acc := range []bool{false, true} {
				t.Run(fmt.Sprintf("%dx%d/acc=%v", s.rows, s.c, acc), func(t *testing.T) {
					o := &op.BiasGrad{DY: op.NewF32("dy", s.rows, s.c), DB: op.NewF32("db", s.c),
						Rows: s.rows, C: s.c, Accumulate: acc}
					expectMatch(t, dev, o, rng, nil, DefaultThreshold)
				})
			}
		}
	})
}
