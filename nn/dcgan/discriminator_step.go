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

// fakeHalf is the view of the second half of t, a tensor over a batch of
// 2·half images: the fake images' part.
func (b *builder) fakeHalf(t *op.Tensor, half int, name string) *op.Tensor {
	v, err := op.View(t, name, t.Len()/2, append([]int{half}, t.Shape[1:]...)...)
	if err != nil && b.err == nil {
		b.err = err
	}
	return v
}

// discriminatorBackward appends the backward pass of D's pass p over a batch
// whose first half is real and second half fake, from dReal and dFake (the
// gradients of D's loss at the two halves' logits), writing D's parameter
// gradients into grad, and returns the gradient of G's loss, from dGen at
// the fake logits, with respect to the fake images.
//
// One pass serves both losses. D acts on each image on its own (it has no
// batch norm), so given the forward pass's activations and dropout masks its
// backward pass is, image by image, linear in the gradient at the logit. The
// fake half therefore runs back from a unit gradient at each logit, and each
// image's part is scaled afterwards: by dFake before the filter and bias
// gradients, by dGen for the input gradient. That stands in for a second
// pass back through conv2 for G. The unit, not dFake, goes back through the
// layers so that no image's terms underflow where D is sure of it (dFake is
// sigmoid(logit)/n, and dGen/dFake would then be huge).
func (b *builder) discriminatorBackward(d, grad *Discriminator, p *discriminatorPass, dReal, dFake, dGen *op.Tensor) *op.Tensor {
	n, half, dFeatures := p.images, p.images/2, d.Geo.dFeatures()
	s1, s2 := d.Geo.conv1(n), d.Geo.conv2(n)
	dlogit := op.NewF32("loss/d_discriminator", n, 1)
	unit := op.NewF32("d/unit_gradient", half, 1)
	back := op.NewF32("d/d_logit_back", n, 1)
	b.add(&op.Concat{A: dReal, B: dFake, Y: dlogit},
		&op.MatMul{A: p.d2, B: dlogit, C: grad.DenseKernel, M: dFeatures, N: 1, K: n, TransA: true},
		&op.BiasGrad{DY: dlogit, DB: grad.DenseB, Rows: n, C: 1},
		&op.Fill{Y: unit, N: half, Value: 1},
		&op.Concat{A: dReal, B: unit, Y: back})
	dd2 := op.NewF32("d/d_dropout2", p.d2.Shape...)
	b.add(&op.MatMul{A: back, B: d.DenseKernel, C: dd2, M: n, N: dFeatures, K: 1, TransB: true})
	dc2 := b.epilogueBwd(p.d2, dd2, p.streams[1], "d/d_conv2")
	dd1 := op.NewF32("d/d_dropout1", p.d1.Shape...)
	b.add(&op.Conv2DBwdInput{DY: dc2, W: d.Conv2, DX: dd1, S: s2},
		&op.RowScale{Y: b.fakeHalf(dc2, half, "d/d_conv2_fake"), S: dFake, Rows: half, C: dc2.Len() / n},
		&op.Conv2DBwdFilter{X: p.d1, DY: dc2, DW: grad.Conv2, S: s2},
		&op.BiasGrad{DY: dc2, DB: grad.Bias2, Rows: columns(dc2, s2.Cout), C: s2.Cout})
	dc1 := b.epilogueBwd(p.d1, dd1, p.streams[0], "d/d_conv1")
	dc1Fake := b.fakeHalf(dc1, half, "d/d_conv1_fake")
	dImage := op.NewF32("g/d_images", append([]int{half}, p.x.Shape[1:]...)...)
	b.add(&op.Conv2DBwdInput{DY: dc1Fake, W: d.Conv1, DX: dImage, S: d.Geo.conv1(half)},
		&op.RowScale{Y: dImage, S: dGen, Rows: half, C: dImage.Len() / half},
		&op.RowScale{Y: dc1Fake, S: dFake, Rows: half, C: dc1.Len() / n},
		&op.Conv2DBwdFilter{X: p.x, DY: dc1, DW: grad.Conv1, S: s1},
		&op.BiasGrad{DY: dc1, DB: grad.Bias1, Rows: columns(dc1, s1.Cout), C: s1.Cout})
	return dImage
}
