package dcgan

import "dcganvk/nn/op"

// discriminatorPass holds what one pass of the discriminator over a batch
// of images keeps for its backward passes.
type discriminatorPass struct {
	images           int
	x, d1, d2, logit *op.Tensor // the input, each conv layer's output after its epilogue, the logit
	// streams are the dropout streams after conv1 and conv2: one per part
	// of the batch (the real and the fake half of a batch of both).
	streams [2][]uint32
}

// epilogue appends a conv layer's bias, LeakyReLU and dropout over its
// output c (rows of cout features), in one pass, and returns the result.
func (b *builder) epilogue(c, bias *op.Tensor, cout int, streams []uint32, name string) *op.Tensor {
	y := op.NewF32(name, c.Shape...)
	b.add(&op.BiasLeakyDropout{X: c, B: bias, Params: b.params, Y: y, Rows: columns(c, cout), C: cout,
		Slope: LeakySlope, Rate: DropoutRate, Streams: streams})
	return y
}

// epilogueBwd appends the gradient through a conv layer's dropout and
// LeakyReLU, from the epilogue's output y, and returns it.
func (b *builder) epilogueBwd(y, dy *op.Tensor, streams []uint32, name string) *op.Tensor {
	dx := op.NewF32(name, y.Shape...)
	b.add(&op.DropoutLeakyBwd{Y: y, DY: dy, Params: b.params, DX: dx, N: y.Len(),
		Slope: LeakySlope, Rate: DropoutRate, Streams: streams})
	return dx
}

// discriminatorForward appends conv1, its bias, LeakyReLU and dropout (one
// epilogue pass), the same after conv2, flatten and the Dense logit, over
// x [images,S,S,C].
func (b *builder) discriminatorForward(d *Discriminator, x *op.Tensor, images int, streams [2][]uint32, name string) *discriminatorPass {
	s1, s2 := d.Geo.conv1(images), d.Geo.conv2(images)
	p := &discriminatorPass{images: images, x: x, streams: streams}
	c1 := op.NewF32(name+"/conv1", s1.OutShape()...)
	b.add(&op.Conv2D{X: x, W: d.Conv1, Y: c1, S: s1})
	p.d1 = b.epilogue(c1, d.Bias1, s1.Cout, streams[0], name+"/dropout1")
	c2 := op.NewF32(name+"/conv2", s2.OutShape()...)
	b.add(&op.Conv2D{X: p.d1, W: d.Conv2, Y: c2, S: s2})
	p.d2 = b.epilogue(c2, d.Bias2, s2.Cout, streams[1], name+"/dropout2")
	p.logit = op.NewF32(name+"/logit", images, 1)
	b.add(&op.MatMul{A: p.d2, B: d.DenseKernel, C: p.logit, M: images, N: 1, K: d.Geo.dFeatures()},
		&op.BiasAdd{Y: p.logit, B: d.DenseB, Rows: images, C: 1})
	return p
}

// secondHalf is the part of pass p over its batch's second half, x: the
// same activations, seen through views, with the second half's streams.
func (b *builder) secondHalf(p *discriminatorPass, x *op.Tensor, name string) *discriminatorPass {
	half := p.images / 2
	view := func(t *op.Tensor, suffix string) *op.Tensor {
		n := t.Len() / 2
		v, err := op.View(t, name+suffix, n, append([]int{half}, t.Shape[1:]...)...)
		if err != nil && b.err == nil {
			b.err = err
		}
		return v
	}
	return &discriminatorPass{images: half, x: x, d1: view(p.d1, "/dropout1"), d2: view(p.d2, "/dropout2"),
		streams: [2][]uint32{p.streams[0][1:], p.streams[1][1:]}}
}

// backwardOptions say what a backward pass of the discriminator computes.
type backwardOptions struct {
	// grad, where set, receives the parameter gradients.
	grad *Discriminator
	// inputGrad asks for the gradient with respect to the pass's input
	// image (for the generator's backward pass).
	inputGrad bool
}

// discriminatorBackward appends the backward pass of one discriminator pass
// from dlogit, as opts say, and returns the input gradient if asked for,
// else nil.
func (b *builder) discriminatorBackward(d *Discriminator, p *discriminatorPass, dlogit *op.Tensor,
	opts backwardOptions, name string) *op.Tensor {
	n, dFeatures := p.images, d.Geo.dFeatures()
	s1, s2 := d.Geo.conv1(n), d.Geo.conv2(n)
	grad := opts.grad
	if grad != nil {
		b.add(&op.MatMul{A: p.d2, B: dlogit, C: grad.DenseKernel, M: dFeatures, N: 1, K: n, TransA: true},
			&op.BiasGrad{DY: dlogit, DB: grad.DenseB, Rows: n, C: 1})
	}
	dd2 := op.NewF32(name+"/d_dropout2", p.d2.Shape...)
	b.add(&op.MatMul{A: dlogit, B: d.DenseKernel, C: dd2, M: n, N: dFeatures, K: 1, TransB: true})
	dc2 := b.epilogueBwd(p.d2, dd2, p.streams[1], name+"/d_conv2")
	if grad != nil {
		b.add(&op.Conv2DBwdFilter{X: p.d1, DY: dc2, DW: grad.Conv2, S: s2},
			&op.BiasGrad{DY: dc2, DB: grad.Bias2, Rows: columns(dc2, s2.Cout), C: s2.Cout})
	}
	dd1 := op.NewF32(name+"/d_dropout1", p.d1.Shape...)
	b.add(&op.Conv2DBwdInput{DY: dc2, W: d.Conv2, DX: dd1, S: s2})
	dc1 := b.epilogueBwd(p.d1, dd1, p.streams[0], name+"/d_conv1")
	if grad != nil {
		b.add(&op.Conv2DBwdFilter{X: p.x, DY: dc1, DW: grad.Conv1, S: s1},
			&op.BiasGrad{DY: dc1, DB: grad.Bias1, Rows: columns(dc1, s1.Cout), C: s1.Cout})
	}
	if !opts.inputGrad {
		return nil
	}
	dx := op.NewF32(name+"/d_input", p.x.Shape...)
	b.add(&op.Conv2DBwdInput{DY: dc1, W: d.Conv1, DX: dx, S: s1})
	return dx
}
