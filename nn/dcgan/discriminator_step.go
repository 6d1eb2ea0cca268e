package dcgan

import "dcganvk/nn/op"

// discriminatorPass holds what one pass of the discriminator (over the real
// or the fake batch) keeps for its backward passes.
type discriminatorPass struct {
	name                     string
	x, l1, d1, l2, d2, logit *op.Tensor
	streams                  [2]uint32 // dropout streams after conv1 and conv2
}

// discriminatorForward appends conv1+bias, LeakyReLU, dropout, conv2+bias,
// LeakyReLU, dropout, flatten and the Dense logit, over x [n,28,28,1].
func (b *builder) discriminatorForward(d *Discriminator, x *op.Tensor, name string, streams [2]uint32) *discriminatorPass {
	n := b.n
	s1, s2 := conv1(n), conv2(n)
	p := &discriminatorPass{name: name, x: x, streams: streams}
	c1 := op.NewF32(name+"/conv1", s1.OutShape()...)
	b.add(&op.Conv2D{X: x, W: d.Conv1, Y: c1, S: s1},
		&op.BiasAdd{Y: c1, B: d.Bias1, Rows: columns(c1, s1.Cout), C: s1.Cout})
	p.l1 = b.act(op.LeakyReLU, c1, name+"/leaky1")
	p.d1 = b.dropout(p.l1, streams[0], false, name+"/dropout1")
	c2 := op.NewF32(name+"/conv2", s2.OutShape()...)
	b.add(&op.Conv2D{X: p.d1, W: d.Conv2, Y: c2, S: s2},
		&op.BiasAdd{Y: c2, B: d.Bias2, Rows: columns(c2, s2.Cout), C: s2.Cout})
	p.l2 = b.act(op.LeakyReLU, c2, name+"/leaky2")
	p.d2 = b.dropout(p.l2, streams[1], false, name+"/dropout2")
	p.logit = op.NewF32(name+"/logit", n, 1)
	b.add(&op.MatMul{A: p.d2, B: d.DenseKernel, C: p.logit, M: n, N: 1, K: dFeatures},
		&op.BiasAdd{Y: p.logit, B: d.DenseB, Rows: n, C: 1})
	return p
}

// backwardOptions say what a backward pass of the discriminator computes.
type backwardOptions struct {
	// grad, where set, receives the parameter gradients, added to what it
	// holds when accumulate is set.
	grad       *Discriminator
	accumulate bool
	// inputGrad asks for the gradient with respect to the pass's input
	// image (for the generator's backward pass).
	inputGrad bool
}

// discriminatorBackward appends the backward pass of one discriminator pass
// from dlogit, as opts say, and returns the input gradient if asked for,
// else nil.
func (b *builder) discriminatorBackward(d *Discriminator, p *discriminatorPass, dlogit *op.Tensor,
	opts backwardOptions, name string) *op.Tensor {
	n := b.n
	s1, s2 := conv1(n), conv2(n)
	grad, accumulate := opts.grad, opts.accumulate
	if grad != nil {
		b.add(&op.MatMul{A: p.d2, B: dlogit, C: grad.DenseKernel, M: dFeatures, N: 1, K: n, TransA: true, Accumulate: accumulate},
			&op.BiasGrad{DY: dlogit, DB: grad.DenseB, Rows: n, C: 1, Accumulate: accumulate})
	}
	dd2 := op.NewF32(name+"/d_dropout2", p.d2.Shape...)
	b.add(&op.MatMul{A: dlogit, B: d.DenseKernel, C: dd2, M: n, N: dFeatures, K: 1, TransB: true})
	dc2 := b.actBwd(op.LeakyReLU, p.l2, b.dropout(dd2, p.streams[1], true, name+"/d_leaky2"), name+"/d_conv2")
	if grad != nil {
		b.add(&op.Conv2DBwdFilter{X: p.d1, DY: dc2, DW: grad.Conv2, S: s2, Accumulate: accumulate},
			&op.BiasGrad{DY: dc2, DB: grad.Bias2, Rows: columns(dc2, s2.Cout), C: s2.Cout, Accumulate: accumulate})
	}
	dd1 := op.NewF32(name+"/d_dropout1", p.d1.Shape...)
	b.add(&op.Conv2DBwdInput{DY: dc2, W: d.Conv2, DX: dd1, S: s2})
	dc1 := b.actBwd(op.LeakyReLU, p.l1, b.dropout(dd1, p.streams[0], true, name+"/d_leaky1"), name+"/d_conv1")
	if grad != nil {
		b.add(&op.Conv2DBwdFilter{X: p.x, DY: dc1, DW: grad.Conv1, S: s1, Accumulate: accumulate},
			&op.BiasGrad{DY: dc1, DB: grad.Bias1, Rows: columns(dc1, s1.Cout), C: s1.Cout, Accumulate: accumulate})
	}
	if !opts.inputGrad {
		return nil
	}
	dx := op.NewF32(name+"/d_input", p.x.Shape...)
	b.add(&op.Conv2DBwdInput{DY: dc1, W: d.Conv1, DX: dx, S: s1})
	return dx
}
