// Package judge defines the MNIST classifier that scores generated digits
// (train/eval/judge.go trains it, train/eval/eval.go uses it): the layers of the
// DCGAN's discriminator, two stride-2 5x5 convolutions with bias, LeakyReLU
// and (in training) dropout, then a Dense hidden layer (the features FID is measured in)
// and a Dense layer to the ten digits, as plans of ops that run on the same
// kernels as the DCGAN.
package judge

import (
	"math/rand/v2"

	"dcganvk/nn/dcgan"
	"dcganvk/nn/op"
)

// Sizes of the judge.
const (
	Classes = 10
	// Hidden is the width of the last hidden layer, the feature space of FID.
	Hidden = 128
	// Width1 and Width2 are the channels of the two convolutions.
	Width1   = 32
	Width2   = 64
	flat     = 7 * 7 * Width2
	seedSalt = 0x6a75646765 // "judge"
)

// LeakySlope is the slope of the judge's LeakyReLU, the discriminator's.
const LeakySlope = dcgan.LeakySlope

func conv1(n int) op.ConvShape {
	return op.ConvShape{N: n, H: 28, W: 28, Cin: 1, Cout: Width1, K: 5, Stride: 2}
}
func conv2(n int) op.ConvShape {
	return op.ConvShape{N: n, H: 14, W: 14, Cin: Width1, Cout: Width2, K: 5, Stride: 2}
}

// Weights holds views of one flat buffer in the judge's layout: its
// weights, or their gradients, or one of Adam's moments.
type Weights struct {
	Flat          *op.Tensor
	Conv1, Bias1  *op.Tensor // [5,5,1,Width1], [Width1]
	Conv2, Bias2  *op.Tensor // [5,5,Width1,Width2], [Width2]
	Dense1, Bias3 *op.Tensor // [7·7·Width2,Hidden], [Hidden]
	Dense2, Bias4 *op.Tensor // [Hidden,Classes], [Classes]
}

// NewWeights lays out the judge's parameters under prefix (such as "judge").
func NewWeights(prefix string) *Weights {
	p := &op.Packer{Name: prefix}
	w := &Weights{
		Conv1:  p.Add(prefix+"/conv1/kernel", 5, 5, 1, Width1),
		Bias1:  p.Add(prefix+"/conv1/bias", Width1),
		Conv2:  p.Add(prefix+"/conv2/kernel", 5, 5, Width1, Width2),
		Bias2:  p.Add(prefix+"/conv2/bias", Width2),
		Dense1: p.Add(prefix+"/hidden/kernel", flat, Hidden),
		Bias3:  p.Add(prefix+"/hidden/bias", Hidden),
		Dense2: p.Add(prefix+"/logits/kernel", Hidden, Classes),
		Bias4:  p.Add(prefix+"/logits/bias", Classes),
	}
	w.Flat = p.Build()
	return w
}

// Views lists the parameters in layout order.
func (w *Weights) Views() []*op.Tensor {
	return []*op.Tensor{w.Conv1, w.Bias1, w.Conv2, w.Bias2, w.Dense1, w.Bias3, w.Dense2, w.Bias4}
}

// InitialWeights draws Keras' initial weights from seed: glorot-uniform
// kernels and zero biases.
func (w *Weights) InitialWeights(seed uint64) map[*op.Tensor][]float32 {
	rng := rand.New(rand.NewPCG(seed, seedSalt))
	values := map[*op.Tensor][]float32{}
	for _, k := range []*op.Tensor{w.Conv1, w.Conv2, w.Dense1, w.Dense2} {
		values[k] = dcgan.GlorotUniform(k, rng)
	}
	return values
}
