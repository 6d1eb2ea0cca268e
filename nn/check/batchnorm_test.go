package check

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"dcganvk/gpu"
	"dcganvk/nn/dcgan"
	"dcganvk/nn/op"
)

// bnShape is a batch-norm size: rows, features, and the moving-variance kind.
type bnShape struct {
	rows, c  int
	unbiased bool
}

// bnShapes are sizes that are not multiples of the workgroups, with column
// counts that are not multiples of 4 too. They cover both GPU layouts of
// nn/vkexec's columnLayout (one invocation per group of 4 columns when
// c >= 2048 or rows <= 256, else one workgroup per group) and include a
// column longer than lavapipe's 65535 loop iterations per invocation and the
// DCGAN's three batch norms at batch 3.
var bnShapes = []bnShape{
	{1, 1, false}, {5, 77, true}, {64, 130, false}, {70, 1100, true}, {65, 1, true}, {300, 2100, false},
	{300, 7, false}, {1000, 3, true}, {70000, 3, true},
	{3, 12544, false}, {3 * 49, 128, true}, {3 * 196, 64, true}, // bn0, bn1, bn2
}

func TestBatchNormTrainMatchesReference(t *testing.T) {
	forEachColumnLayout(t, func(t *testing.T, dev *gpu.Device) {
		rng := rand.New(rand.NewPCG(7, 8))
		for _, s := range bnShapes {
			for _, offset := range []float64{0, 100} {
				t.Run(fmt.Sprintf("%dx%d/unbiased=%v/offset=%g", s.rows, s.c, s.unbiased, offset), func(t *testing.T) {
					o := &op.BatchNormTrain{
						X: op.NewF32("x", s.rows, s.c), Gamma: op.NewF32("gamma", s.c), Beta: op.NewF32("beta", s.c),
						MovingMean: op.NewF32("moving_mean", s.c), MovingVar: op.NewPositive("moving_var", s.c),
						Y: op.NewF32("y", s.rows, s.c), Mean: op.NewF32("mean", s.c), Var: op.NewPositive("var", s.c),
						Rows: s.rows, C: s.c, Momentum: dcgan.BNMomentum, Eps: dcgan.BNEpsilon, UnbiasedMoving: s.unbiased,
					}
					// A large common offset shows that the variance is not E[x²]-E[x]².
					x := RandomInput(o.X, rng)
					for i := range x {
						x[i] += float32(offset)
					}
					expectMatch(t, dev, o, rng, map[*op.Tensor][]float32{o.X: x}, DefaultThreshold)
				})
			}
		}
	})
}

func TestBatchNormBwdMatchesReference(t *testing.T) {
	forEachColumnLayout(t, func(t *testing.T, dev *gpu.Device) {
		rng := rand.New(rand.NewPCG(9, 10))
		for _, s := range bnShapes {
			t.Run(fmt.Sprintf("%dx%d", s.rows, s.c), func(t *testing.T) {
				o := &op.BatchNormBwd{
					X: op.NewF32("x", s.rows, s.c), DY: op.NewF32("dy", s.rows, s.c), Gamma: op.NewF32("gamma", s.c),
					Mean: op.NewF32("mean", s.c), Var: op.NewPositive("var", s.c),
					DX: op.NewF32("dx", s.rows, s.c), DGamma: op.NewF32("dgamma", s.c), DBeta: op.NewF32("dbeta", s.c),
					Rows: s.rows, C: s.c, Eps: dcgan.BNEpsilon,
				}
				expectMatch(t, dev, o, rng, nil, DefaultThreshold)
			})
		}
	})
}

func TestBatchNormInferMatchesReference(t *testing.T) {
	dev := openDevice(t)
	rng := rand.New(rand.NewPCG(11, 12))
	for _, s := range bnShapes {
		t.Run(fmt.Sprintf("%dx%d", s.rows, s.c), func(t *testing.T) {
			o := &op.BatchNormInfer{
				X: op.NewF32("x", s.rows, s.c), Gamma: op.NewF32("gamma", s.c), Beta: op.NewF32("beta", s.c),
				MovingMean: op.NewF32("moving_mean", s.c), MovingVar: op.NewPositive("moving_var", s.c),
				Y: op.NewF32("y", s.rows, s.c), Rows: s.rows, C: s.c, Eps: dcgan.BNEpsilon,
			}
			expectMatch(t, dev, o, rng, nil, DefaultThreshold)
		})
	}
}
