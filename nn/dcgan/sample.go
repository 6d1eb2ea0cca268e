package dcgan

import "dcganvk/nn/op"

// Sampler is the generator in inference mode (batch norm with the moving
// statistics, no noise drawn on the device): images from given noise vectors.
type Sampler struct {
	Plan   *op.Plan
	N      int
	Noise  *op.Tensor // [n, 100], written by the host
	Images *op.Tensor // [n, 28, 28, 1] in [-1, 1]
}

// NewSampler builds the inference plan for n vectors over the generator's
// weights g and batch-norm state bn (shared with a train step, or loaded
// from a checkpoint).
func NewSampler(g *Generator, bn [3]*BNState, n int) (*Sampler, error) {
	s := &Sampler{Plan: &op.Plan{}, N: n, Noise: op.NewF32("sample/noise", n, NoiseDim)}
	b := &builder{plan: s.Plan, n: n}
	bnInfer := func(x, gamma, beta *op.Tensor, st *BNState, rows, c int, name string) *op.Tensor {
		y := op.NewF32(name, x.Shape...)
		b.add(&op.BatchNormInfer{X: x, Gamma: gamma, Beta: beta, MovingMean: st.MovingMean, MovingVar: st.MovingVar,
			Y: y, Rows: rows, C: c, Eps: op.BNEpsilon})
		return y
	}
	h0 := op.NewF32("sample/dense", n, denseOut)
	b.add(&op.MatMul{A: s.Noise, B: g.Dense, C: h0, M: n, N: denseOut, K: NoiseDim})
	a0 := b.act(op.ReLU, bnInfer(h0, g.Gamma0, g.Beta0, bn[0], n, denseOut, "sample/bn0"), "sample/relu0")
	h1 := op.NewF32("sample/convt1", n, 7, 7, 128)
	b.add(&op.Conv2DTranspose{X: a0, W: g.ConvT1, Y: h1, S: convT1(n)})
	a1 := b.act(op.ReLU, bnInfer(h1, g.Gamma1, g.Beta1, bn[1], n*49, 128, "sample/bn1"), "sample/relu1")
	h2 := op.NewF32("sample/convt2", n, 14, 14, 64)
	b.add(&op.Conv2DTranspose{X: a1, W: g.ConvT2, Y: h2, S: convT2(n)})
	a2 := b.act(op.ReLU, bnInfer(h2, g.Gamma2, g.Beta2, bn[2], n*196, 64, "sample/bn2"), "sample/relu2")
	h3 := op.NewF32("sample/convt3", n, ImageSize, ImageSize, 1)
	b.add(&op.Conv2DTranspose{X: a2, W: g.ConvT3, Y: h3, S: convT3(n)})
	s.Images = b.act(op.Tanh, h3, "sample/images")
	if b.err != nil {
		return nil, b.err
	}
	return s, nil
}
