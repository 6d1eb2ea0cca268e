package dcgan

import "dcganvk/nn/op"

// BNState is one batch-norm layer's moving statistics and the batch
// statistics its training forward pass saves for the backward pass.
type BNState struct {
	MovingMean, MovingVar *op.Tensor
	mean, variance        *op.Tensor
}

// NewBNState makes the tensors of a batch-norm layer of c features.
func NewBNState(name string, c int) *BNState {
	return &BNState{
		MovingMean: op.NewF32(name+"/moving_mean", c),
		MovingVar:  op.NewPositive(name+"/moving_variance", c),
		mean:       op.NewF32(name+"/batch_mean", c),
		variance:   op.NewPositive(name+"/batch_variance", c),
	}
}

// NewGeneratorBN makes the state of the generator's three batch-norm layers,
// named as Keras names them in a checkpoint.
func NewGeneratorBN() [3]*BNState {
	return [3]*BNState{NewBNState("generator/bn0", denseOut), NewBNState("generator/bn1", 128),
		NewBNState("generator/bn2", 64)}
}

// generatorPass holds the activations the generator's backward pass needs.
type generatorPass struct {
	z, h0, a0, h1, a1, h2, a2, fake *op.Tensor
}

// batchNormTrain appends a training-mode batch norm over x [rows, c].
func (b *builder) batchNormTrain(x, gamma, beta *op.Tensor, s *BNState, rows, c int, unbiased bool, name string) *op.Tensor {
	y := op.NewF32(name, x.Shape...)
	b.add(&op.BatchNormTrain{X: x, Gamma: gamma, Beta: beta, MovingMean: s.MovingMean, MovingVar: s.MovingVar,
		Y: y, Mean: s.mean, Var: s.variance, Rows: rows, C: c,
		Momentum: op.BNMomentum, Eps: op.BNEpsilon, UnbiasedMoving: unbiased})
	return y
}

// generatorForward appends the generator in training mode: noise, Dense,
// BN, ReLU, three transposed convolutions (BN and ReLU after the first two,
// tanh after the last).
func (b *builder) generatorForward(g *Generator, bn [3]*BNState) *generatorPass {
	n := b.n
	p := &generatorPass{z: op.NewF32("g/z", n, NoiseDim)}
	b.add(&op.RandomFill{Params: b.params, Y: p.z, N: p.z.Len(), Stream: op.StreamNoise, Normal: true})
	p.h0 = op.NewF32("g/dense", n, denseOut)
	b.add(&op.MatMul{A: p.z, B: g.Dense, C: p.h0, M: n, N: denseOut, K: NoiseDim})
	p.a0 = b.act(op.ReLU, b.batchNormTrain(p.h0, g.Gamma0, g.Beta0, bn[0], n, denseOut, false, "g/bn0"), "g/relu0")
	p.h1 = op.NewF32("g/convt1", n, 7, 7, 128)
	b.add(&op.Conv2DTranspose{X: p.a0, W: g.ConvT1, Y: p.h1, S: convT1(n)})
	p.a1 = b.act(op.ReLU, b.batchNormTrain(p.h1, g.Gamma1, g.Beta1, bn[1], n*49, 128, true, "g/bn1"), "g/relu1")
	p.h2 = op.NewF32("g/convt2", n, 14, 14, 64)
	b.add(&op.Conv2DTranspose{X: p.a1, W: g.ConvT2, Y: p.h2, S: convT2(n)})
	p.a2 = b.act(op.ReLU, b.batchNormTrain(p.h2, g.Gamma2, g.Beta2, bn[2], n*196, 64, true, "g/bn2"), "g/relu2")
	h3 := op.NewF32("g/convt3", n, ImageSize, ImageSize, 1)
	b.add(&op.Conv2DTranspose{X: p.a2, W: g.ConvT3, Y: h3, S: convT3(n)})
	p.fake = b.act(op.Tanh, h3, "g/fake")
	return p
}

// batchNormBwd appends the batch-norm backward pass and returns dx.
func (b *builder) batchNormBwd(x, dy, gamma *op.Tensor, s *BNState, dGamma, dBeta *op.Tensor, rows, c int, name string) *op.Tensor {
	dx := op.NewF32(name, x.Shape...)
	b.add(&op.BatchNormBwd{X: x, DY: dy, Gamma: gamma, Mean: s.mean, Var: s.variance,
		DX: dx, DGamma: dGamma, DBeta: dBeta, Rows: rows, C: c, Eps: op.BNEpsilon})
	return dx
}

// generatorBackward appends the generator's backward pass from dfake, the
// gradient of the generator's loss with respect to its images, writing the
// parameter gradients into grad.
func (b *builder) generatorBackward(g, grad *Generator, bn [3]*BNState, p *generatorPass, dfake *op.Tensor) {
	n := b.n
	dh3 := b.actBwd(op.Tanh, p.fake, dfake, "g/d_convt3")
	b.add(&op.Conv2DTransposeBwdFilter{X: p.a2, DY: dh3, DW: grad.ConvT3, S: convT3(n)})
	da2 := op.NewF32("g/d_relu2", p.a2.Shape...)
	b.add(&op.Conv2DTransposeBwdInput{DY: dh3, W: g.ConvT3, DX: da2, S: convT3(n)})
	dn2 := b.actBwd(op.ReLU, p.a2, da2, "g/d_bn2")
	dh2 := b.batchNormBwd(p.h2, dn2, g.Gamma2, bn[2], grad.Gamma2, grad.Beta2, n*196, 64, "g/d_convt2")
	b.add(&op.Conv2DTransposeBwdFilter{X: p.a1, DY: dh2, DW: grad.ConvT2, S: convT2(n)})
	da1 := op.NewF32("g/d_relu1", p.a1.Shape...)
	b.add(&op.Conv2DTransposeBwdInput{DY: dh2, W: g.ConvT2, DX: da1, S: convT2(n)})
	dn1 := b.actBwd(op.ReLU, p.a1, da1, "g/d_bn1")
	dh1 := b.batchNormBwd(p.h1, dn1, g.Gamma1, bn[1], grad.Gamma1, grad.Beta1, n*49, 128, "g/d_convt1")
	b.add(&op.Conv2DTransposeBwdFilter{X: p.a0, DY: dh1, DW: grad.ConvT1, S: convT1(n)})
	da0 := op.NewF32("g/d_relu0", p.a0.Shape...)
	b.add(&op.Conv2DTransposeBwdInput{DY: dh1, W: g.ConvT1, DX: da0, S: convT1(n)})
	dn0 := b.actBwd(op.ReLU, p.a0, da0, "g/d_bn0")
	dh0 := b.batchNormBwd(p.h0, dn0, g.Gamma0, bn[0], grad.Gamma0, grad.Beta0, n, denseOut, "g/d_dense")
	b.add(&op.MatMul{A: p.z, B: dh0, C: grad.Dense, M: NoiseDim, N: denseOut, K: n, TransA: true})
}
