// Package dcgan defines the notebook's DCGAN as data: its parameters, laid out
// in one flat buffer per network, and its train step as a plan of ops (the
// README's "What it computes" gives the semantics).
package dcgan

import (
	"math"
	"math/rand/v2"

	"dcganvk/nn/op"
)

// NoiseDim is the length of the generator's noise vectors.
const NoiseDim = 100

// The convolutions at geometry g. Generator layers are transposed
// convolutions, given as the convolution they are the adjoint of (see
// nn/op/conv_transpose.go).
func (g Geometry) convT1(n int) op.ConvShape {
	return op.ConvShape{N: n, H: g.seed(), W: g.seed(), Cin: 128, Cout: 256, K: 5, Stride: 1}
}
func (g Geometry) convT2(n int) op.ConvShape {
	return op.ConvShape{N: n, H: g.Size / 2, W: g.Size / 2, Cin: 64, Cout: 128, K: 5, Stride: 2}
}
func (g Geometry) convT3(n int) op.ConvShape {
	return op.ConvShape{N: n, H: g.Size, W: g.Size, Cin: g.Channels, Cout: 64, K: 5, Stride: 2}
}
func (g Geometry) conv1(n int) op.ConvShape {
	return op.ConvShape{N: n, H: g.Size, W: g.Size, Cin: g.Channels, Cout: 64, K: 5, Stride: 2}
}
func (g Geometry) conv2(n int) op.ConvShape {
	return op.ConvShape{N: n, H: g.Size / 2, W: g.Size / 2, Cin: 64, Cout: 128, K: 5, Stride: 2}
}

// Generator holds views of one flat buffer in the generator's layout:
// its weights, or their gradients, or one of Adam's moments.
type Generator struct {
	Geo           Geometry
	Flat          *op.Tensor
	Dense         *op.Tensor // [100, 12544] at 28x28x1
	Gamma0, Beta0 *op.Tensor // [12544]
	ConvT1        *op.Tensor // [5,5,128,256] (kh, kw, out, in)
	Gamma1, Beta1 *op.Tensor // [128]
	ConvT2        *op.Tensor // [5,5,64,128]
	Gamma2, Beta2 *op.Tensor // [64]
	ConvT3        *op.Tensor // [5,5,C,64]
}

// NewGenerator lays out the generator's parameters at geometry geo under
// prefix (such as "generator" or "optimizer/generator/m").
func NewGenerator(prefix string, geo Geometry) *Generator {
	p := &op.Packer{Name: prefix}
	g := &Generator{
		Geo:    geo,
		Dense:  p.Add(prefix+"/dense/kernel", NoiseDim, geo.denseOut()),
		Gamma0: p.Add(prefix+"/bn0/gamma", geo.denseOut()),
		Beta0:  p.Add(prefix+"/bn0/beta", geo.denseOut()),
		ConvT1: p.Add(prefix+"/convt1/kernel", 5, 5, 128, 256),
		Gamma1: p.Add(prefix+"/bn1/gamma", 128),
		Beta1:  p.Add(prefix+"/bn1/beta", 128),
		ConvT2: p.Add(prefix+"/convt2/kernel", 5, 5, 64, 128),
		Gamma2: p.Add(prefix+"/bn2/gamma", 64),
		Beta2:  p.Add(prefix+"/bn2/beta", 64),
		ConvT3: p.Add(prefix+"/convt3/kernel", 5, 5, geo.Channels, 64),
	}
	g.Flat = p.Build()
	return g
}

// Views lists the generator's parameters in layout order.
func (g *Generator) Views() []*op.Tensor {
	return []*op.Tensor{g.Dense, g.Gamma0, g.Beta0, g.ConvT1, g.Gamma1, g.Beta1, g.ConvT2, g.Gamma2, g.Beta2, g.ConvT3}
}

// Discriminator holds views of one flat buffer in the discriminator's layout.
type Discriminator struct {
	Geo                 Geometry
	Flat                *op.Tensor
	Conv1, Bias1        *op.Tensor // [5,5,C,64], [64]
	Conv2, Bias2        *op.Tensor // [5,5,64,128], [128]
	DenseKernel, DenseB *op.Tensor // [6272,1] at 28x28x1, [1]
}

// NewDiscriminator lays out the discriminator's parameters at geometry geo
// under prefix.
func NewDiscriminator(prefix string, geo Geometry) *Discriminator {
	p := &op.Packer{Name: prefix}
	d := &Discriminator{
		Geo:         geo,
		Conv1:       p.Add(prefix+"/conv1/kernel", 5, 5, geo.Channels, 64),
		Bias1:       p.Add(prefix+"/conv1/bias", 64),
		Conv2:       p.Add(prefix+"/conv2/kernel", 5, 5, 64, 128),
		Bias2:       p.Add(prefix+"/conv2/bias", 128),
		DenseKernel: p.Add(prefix+"/dense/kernel", geo.dFeatures(), 1),
		DenseB:      p.Add(prefix+"/dense/bias", 1),
	}
	d.Flat = p.Build()
	return d
}

// Views lists the discriminator's parameters in layout order.
func (d *Discriminator) Views() []*op.Tensor {
	return []*op.Tensor{d.Conv1, d.Bias1, d.Conv2, d.Bias2, d.DenseKernel, d.DenseB}
}

// GlorotUniform draws Keras' default kernel initialiser: U(-l, l) with
// l = sqrt(6/(fan_in+fan_out)); for a conv kernel [kh,kw,a,b] the fans are
// kh·kw·a and kh·kw·b (their sum is all that matters).
func GlorotUniform(t *op.Tensor, rng *rand.Rand) []float32 {
	s := t.Shape
	receptive := 1
	for _, d := range s[:len(s)-2] {
		receptive *= d
	}
	fanSum := receptive * (s[len(s)-2] + s[len(s)-1])
	limit := math.Sqrt(6 / float64(fanSum))
	v := make([]float32, t.Len())
	for i := range v {
		v[i] = float32((2*rng.Float64() - 1) * limit)
	}
	return v
}

// fill returns n copies of x.
func fill(n int, x float32) []float32 {
	v := make([]float32, n)
	for i := range v {
		v[i] = x
	}
	return v
}
