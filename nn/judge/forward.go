package judge

import "dcganvk/nn/op"

// builder appends ops to a plan and keeps the first error.
type builder struct {
	plan *op.Plan
	n    int
	// params is the step parameter block of a train step, whose step and
	// seed key the dropout masks; nil in the classifier, which drops
	// nothing.
	params *op.Tensor
	err    error
}

func (b *builder) add(ops ...op.Op) {
	if b.err == nil {
		b.err = b.plan.Add(ops...)
	}
}

// leaky appends y = LeakyReLU(x) over a new tensor and returns y.
func (b *builder) leaky(x *op.Tensor, name string) *op.Tensor {
	y := op.NewF32(name, x.Shape...)
	b.add(&op.ActivationFwd{Fn: op.LeakyReLU, X: x, Y: y, N: x.Len(), Slope: LeakySlope})
	return y
}

// leakyBwd appends dx = dy·LeakyReLU'(…) from the output y and returns dx.
func (b *builder) leakyBwd(y, dy *op.Tensor, name string) *op.Tensor {
	dx := op.NewF32(name, y.Shape...)
	b.add(&op.ActivationBwd{Fn: op.LeakyReLU, Y: y, DY: dy, DX: dx, N: y.Len(), Slope: LeakySlope})
	return dx
}

// dropout appends inverted dropout (or its backward pass) of a stream in a
// train step, and returns in itself in the classifier.
func (b *builder) dropout(in *op.Tensor, stream uint32, backward bool, name string) *op.Tensor {
	if b.params == nil {
		return in
	}
	out := op.NewF32(name, in.Shape...)
	b.add(&op.Dropout{In: in, Params: b.params, Out: out, N: in.Len(), Rate: DropoutRate, Stream: stream, Backward: backward})
	return out
}

// pass holds the activations of one forward pass that the backward pass
// and the scores need: l1 and l2 are the LeakyReLU outputs after the
// convolutions, d1 and d2 the same after dropout.
type pass struct {
	x, l1, d1, l2, d2, hidden, logits *op.Tensor
}

// forward appends conv1+bias, LeakyReLU, dropout, conv2+bias, LeakyReLU,
// dropout, flatten, Dense+bias, LeakyReLU (the features) and Dense+bias
// (the logits) over x [n,28,28,1]; dropout only in a train step.
func (b *builder) forward(w *Weights, x *op.Tensor, name string) *pass {
	n := b.n
	s1, s2 := conv1(n), conv2(n)
	p := &pass{x: x}
	c1 := op.NewF32(name+"/conv1", s1.OutShape()...)
	b.add(&op.Conv2D{X: x, W: w.Conv1, Y: c1, S: s1}, &op.BiasAdd{Y: c1, B: w.Bias1, Rows: c1.Len() / s1.Cout, C: s1.Cout})
	p.l1 = b.leaky(c1, name+"/leaky1")
	p.d1 = b.dropout(p.l1, StreamDropout1, false, name+"/dropout1")
	c2 := op.NewF32(name+"/conv2", s2.OutShape()...)
	b.add(&op.Conv2D{X: p.d1, W: w.Conv2, Y: c2, S: s2}, &op.BiasAdd{Y: c2, B: w.Bias2, Rows: c2.Len() / s2.Cout, C: s2.Cout})
	p.l2 = b.leaky(c2, name+"/leaky2")
	p.d2 = b.dropout(p.l2, StreamDropout2, false, name+"/dropout2")
	h := op.NewF32(name+"/hidden", n, Hidden)
	b.add(&op.MatMul{A: p.d2, B: w.Dense1, C: h, M: n, N: Hidden, K: flat}, &op.BiasAdd{Y: h, B: w.Bias3, Rows: n, C: Hidden})
	p.hidden = b.leaky(h, name+"/features")
	p.logits = op.NewF32(name+"/logits", n, Classes)
	b.add(&op.MatMul{A: p.hidden, B: w.Dense2, C: p.logits, M: n, N: Classes, K: Hidden},
		&op.BiasAdd{Y: p.logits, B: w.Bias4, Rows: n, C: Classes})
	return p
}

// backward appends the backward pass from dlogits, writing every
// parameter gradient into grad.
func (b *builder) backward(w, grad *Weights, p *pass, dlogits *op.Tensor) {
	n := b.n
	s1, s2 := conv1(n), conv2(n)
	b.add(&op.MatMul{A: p.hidden, B: dlogits, C: grad.Dense2, M: Hidden, N: Classes, K: n, TransA: true},
		&op.BiasGrad{DY: dlogits, DB: grad.Bias4, Rows: n, C: Classes})
	dhidden := op.NewF32("judge/d_features", n, Hidden)
	b.add(&op.MatMul{A: dlogits, B: w.Dense2, C: dhidden, M: n, N: Hidden, K: Classes, TransB: true})
	dh := b.leakyBwd(p.hidden, dhidden, "judge/d_hidden")
	b.add(&op.MatMul{A: p.d2, B: dh, C: grad.Dense1, M: flat, N: Hidden, K: n, TransA: true},
		&op.BiasGrad{DY: dh, DB: grad.Bias3, Rows: n, C: Hidden})
	dd2 := op.NewF32("judge/d_dropout2", p.d2.Shape...)
	b.add(&op.MatMul{A: dh, B: w.Dense1, C: dd2, M: n, N: flat, K: Hidden, TransB: true})
	dc2 := b.leakyBwd(p.l2, b.dropout(dd2, StreamDropout2, true, "judge/d_leaky2"), "judge/d_conv2")
	b.add(&op.Conv2DBwdFilter{X: p.d1, DY: dc2, DW: grad.Conv2, S: s2},
		&op.BiasGrad{DY: dc2, DB: grad.Bias2, Rows: dc2.Len() / s2.Cout, C: s2.Cout})
	dd1 := op.NewF32("judge/d_dropout1", p.d1.Shape...)
	b.add(&op.Conv2DBwdInput{DY: dc2, W: w.Conv2, DX: dd1, S: s2})
	dc1 := b.leakyBwd(p.l1, b.dropout(dd1, StreamDropout1, true, "judge/d_leaky1"), "judge/d_conv1")
	b.add(&op.Conv2DBwdFilter{X: p.x, DY: dc1, DW: grad.Conv1, S: s1},
		&op.BiasGrad{DY: dc1, DB: grad.Bias1, Rows: dc1.Len() / s1.Cout, C: s1.Cout})
}
