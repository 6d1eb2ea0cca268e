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

// NewGeneratorBN makes the state of the generator's three batch-norm layers
// at geometry geo, named as Keras names them in a checkpoint.
func NewGeneratorBN(geo Geometry) [3]*BNState {
	return [3]*BNState{NewBNState("generator/bn0", geo.denseOut()), NewBNState("generator/bn1", geo.convT1(1).Cin),
		NewBNState("generator/bn2", geo.convT2(1).Cin)}
}

// generatorPass holds the activations the generator's backward pass needs.
type generatorPass struct {
	z, h0, a0, h1, a1, h2, a2, fake *op.Tensor
}

// columns is the row count of x seen as a [rows, c] matrix of c features.
func columns(x *op.Tensor, c int) int { return x.Len() / c }

// batchNorm appends a batch norm over x, c features a row: in training
// mode (batch statistics, saved in s, and the moving statistics updated)
// or in inference mode (the moving statistics).
func (b *builder) batchNorm(x, gamma, beta *op.Tensor, s *BNState, c int, training, unbiased bool, name string) *op.Tensor {
	y := op.NewF32(name, x.Shape...)
	if training {
		b.add(&op.BatchNormTrain{X: x, Gamma: gamma, Beta: beta, MovingMean: s.MovingMean, MovingVar: s.MovingVar,
			Y: y, Mean: s.mean, Var: s.variance, Rows: columns(x, c), C: c,
			Momentum: BNMomentum, Eps: BNEpsilon, UnbiasedMoving: unbiased})
	} else {
		b.add(&op.BatchNormInfer{X: x, Gamma: gamma, Beta: beta, MovingMean: s.MovingMean, MovingVar: s.MovingVar,
			Y: y, Rows: columns(x, c), C: c, Eps: BNEpsilon})
	}
	return y
}

// convTranspose appends y = the transposed convolution of x by w, the
// adjoint of the convolution s, and returns y.
func (b *builder) convTranspose(x, w *op.Tensor, s op.ConvShape, name string) *op.Tensor {
	y := op.NewF32(name, s.InShape()...)
	b.add(&op.Conv2DTranspose{X: x, W: w, Y: y, S: s})
	return y
}

// generatorForward appends the generator from the noise z: Dense, BN,
// ReLU, three transposed convolutions (BN and ReLU after the first two,
// tanh after the last). In training mode batch norm uses and saves the
// batch statistics; in inference mode it uses the moving ones. The
// moving variance after the conv layers takes the unbiased batch variance
// (TF's fused kernel), after the Dense layer the biased one.
func (b *builder) generatorForward(g *Generator, bn [3]*BNState, z *op.Tensor, training bool, name string) *generatorPass {
	n := b.n
	denseOut := g.Geo.denseOut()
	p := &generatorPass{z: z, h0: op.NewF32(name+"/dense", n, denseOut)}
	b.add(&op.MatMul{A: z, B: g.Dense, C: p.h0, M: n, N: denseOut, K: NoiseDim})
	t1, t2, t3 := g.Geo.convT1(n), g.Geo.convT2(n), g.Geo.convT3(n)
	p.a0 = b.act(op.ReLU, b.batchNorm(p.h0, g.Gamma0, g.Beta0, bn[0], denseOut, training, false, name+"/bn0"), name+"/relu0")
	p.h1 = b.convTranspose(p.a0, g.ConvT1, t1, name+"/convt1")
	p.a1 = b.act(op.ReLU, b.batchNorm(p.h1, g.Gamma1, g.Beta1, bn[1], t1.Cin, training, true, name+"/bn1"), name+"/relu1")
	p.h2 = b.convTranspose(p.a1, g.ConvT2, t2, name+"/convt2")
	p.a2 = b.act(op.ReLU, b.batchNorm(p.h2, g.Gamma2, g.Beta2, bn[2], t2.Cin, training, true, name+"/bn2"), name+"/relu2")
	p.fake = b.act(op.Tanh, b.convTranspose(p.a2, g.ConvT3, t3, name+"/convt3"), name+"/images")
	return p
}

// batchNormBwd appends the batch-norm backward pass and returns dx.
func (b *builder) batchNormBwd(x, dy, gamma *op.Tensor, s *BNState, dGamma, dBeta *op.Tensor, c int, name string) *op.Tensor {
	dx := op.NewF32(name, x.Shape...)
	b.add(&op.BatchNormBwd{X: x, DY: dy, Gamma: gamma, Mean: s.mean, Var: s.variance,
		DX: dx, DGamma: dGamma, DBeta: dBeta, Rows: columns(x, c), C: c, Eps: BNEpsilon})
	return dx
}

// convTransposeBwd appends the filter gradient of a transposed convolution
// (from its input x and output gradient dy) and returns its input gradient.
func (b *builder) convTransposeBwd(x, dy, w, dw *op.Tensor, s op.ConvShape, name string) *op.Tensor {
	dx := op.NewF32(name, x.Shape...)
	b.add(&op.Conv2DTransposeBwdFilter{X: x, DY: dy, DW: dw, S: s},
		&op.Conv2DTransposeBwdInput{DY: dy, W: w, DX: dx, S: s})
	return dx
}

// generatorBackward appends the generator's backward pass from dfake, the
// gradient of the generator's loss with respect to its images, writing the
// parameter gradients into grad.
func (b *builder) generatorBackward(g, grad *Generator, bn [3]*BNState, p *generatorPass, dfake *op.Tensor) {
	n, denseOut := b.n, g.Geo.denseOut()
	t1, t2, t3 := g.Geo.convT1(n), g.Geo.convT2(n), g.Geo.convT3(n)
	dh3 := b.actBwd(op.Tanh, p.fake, dfake, "g/d_convt3")
	da2 := b.convTransposeBwd(p.a2, dh3, g.ConvT3, grad.ConvT3, t3, "g/d_relu2")
	dn2 := b.actBwd(op.ReLU, p.a2, da2, "g/d_bn2")
	dh2 := b.batchNormBwd(p.h2, dn2, g.Gamma2, bn[2], grad.Gamma2, grad.Beta2, t2.Cin, "g/d_convt2")
	da1 := b.convTransposeBwd(p.a1, dh2, g.ConvT2, grad.ConvT2, t2, "g/d_relu1")
	dn1 := b.actBwd(op.ReLU, p.a1, da1, "g/d_bn1")
	dh1 := b.batchNormBwd(p.h1, dn1, g.Gamma1, bn[1], grad.Gamma1, grad.Beta1, t1.Cin, "g/d_convt1")
	da0 := b.convTransposeBwd(p.a0, dh1, g.ConvT1, grad.ConvT1, t1, "g/d_relu0")
	dn0 := b.actBwd(op.ReLU, p.a0, da0, "g/d_bn0")
	dh0 := b.batchNormBwd(p.h0, dn0, g.Gamma0, bn[0], grad.Gamma0, grad.Beta0, denseOut, "g/d_dense")
	b.add(&op.MatMul{A: p.z, B: dh0, C: grad.Dense, M: NoiseDim, N: denseOut, K: n, TransA: true})
}
