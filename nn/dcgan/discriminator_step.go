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
	p := &discriminatorPass{name: name, x: x, streams: streams}
	c1 := op.NewF32(name+"/conv1", n, 14, 14, 64)
	b.add(&op.Conv2D{X: x, W: d.Conv1, Y: c1, S: conv1(n)},
		&op.BiasAdd{Y: c1, B: d.Bias1, Rows: n * 196, C: 64})
	p.l1 = b.act(op.LeakyReLU, c1, name+"/leaky1")
	p.d1 = b.dropout(p.l1, streams[0], false, name+"/dropout1")
	c2 := op.NewF32(name+"/conv2", n, 7, 7, 128)
	b.add(&op.Conv2D{X: p.d1, W: d.Conv2, Y: c2, S: conv2(n)},
		&op.BiasAdd{Y: c2, B: d.Bias2, Rows: n * 49, C: 128})
	p.l2 = b.act(op.LeakyReLU, c2, name+"/leaky2")
	p.d2 = b.dropout(p.l2, streams[1], false, name+"/dropout2")
	p.logit = op.NewF32(name+"/logit", n, 1)
	b.add(&op.MatMul{A: p.d2, B: d.DenseKernel, C: p.logit, M: n, N: 1, K: dFeatures},
		&op.BiasAdd{Y: p.logit, B: d.DenseB, Rows: n, C: 1})
	return p
}

// discriminatorBackward appends the backward pass of one discriminator pass
// from dlogit. With grad set it writes the parameter gradients there (adding
// to them when accumulate); with wantInput it returns the gradient with
// respect to the pass's input image, else nil.
func (b *builder) discriminatorBackward(d *Discriminator, p *discriminatorPass, dlogit *op.Tensor,
	grad *Discriminator, accumulate, wantInput bool, name string) *op.Tensor {
	n := b.n
	if grad != nil {
		b.add(&op.MatMul{A: p.d2, B: dlogit, C: grad.DenseKernel, M: dFeatures, N: 1, K: n, TransA: true, Accumulate: accumulate},
			&op.BiasGrad{DY: dlogit, DB: grad.DenseB, Rows: n, C: 1, Accumulate: accumulate})
	}
	dd2 := op.NewF32(name+"/d_dropout2", p.d2.Shape...)
	b.add(&op.MatMul{A: dlogit, B: d.DenseKernel, C: dd2, M: n, N: dFeatures, K: 1, TransB: true})
	dc2 := b.actBwd(op.LeakyReLU, p.l2, b.dropout(dd2, p.streams[1], true, name+"/d_leaky2"), name+"/d_conv2")
	if grad != nil {
		b.add(&op.Conv2DBwdFilter{X: p.d1, DY: dc2, DW: grad.Conv2, S: conv2(n), Accumulate: accumulate},
			&op.BiasGrad{DY: dc2, DB: grad.Bias2, Rows: n * 49, C: 128, Accumulate: accumulate})
	}
	dd1 := op.NewF32(name+"/d_dropout1", p.d1.Shape...)
	b.add(&op.Conv2DBwdInput{DY: dc2, W: d.Conv2, DX: dd1, S: conv2(n)})
	dc1 := b.actBwd(op.LeakyReLU, p.l1, b.dropout(dd1, p.streams[0], true, name+"/d_leaky1"), name+"/d_conv1")
	if grad != nil {
		b.add(&op.Conv2DBwdFilter{X: p.x, DY: dc1, DW: grad.Conv1, S: conv1(n), Accumulate: accumulate},
			&op.BiasGrad{DY: dc1, DB: grad.Bias1, Rows: n * 196, C: 64, Accumulate: accumulate})
	}
	if !wantInput {
		return nil
	}
	dx := op.NewF32(name+"/d_input", p.x.Shape...)
	b.add(&op.Conv2DBwdInput{DY: dc1, W: d.Conv1, DX: dx, S: conv1(n)})
	return dx
}
