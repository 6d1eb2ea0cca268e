package check

import (
	"math/rand/v2"
	"testing"

	"dcganvk/nn/op"
)

// convTransposeShapes are the convolutions S whose adjoints are the
// generator's three transposed convolutions, at batch 2, then the awkward
// ones and one more.
var convTransposeShapes = append([]op.ConvShape{
	{N: 2, H: 7, W: 7, Cin: 128, Cout: 256, K: 5, Stride: 1},
	{N: 2, H: 14, W: 14, Cin: 64, Cout: 128, K: 5, Stride: 2},
	{N: 2, H: 28, W: 28, Cin: 1, Cout: 64, K: 5, Stride: 2},
	{N: 2, H: 10, W: 3, Cin: 17, Cout: 40, K: 5, Stride: 2},
}, awkwardConvShapes...)

func TestConv2DTransposeMatchesReference(t *testing.T) {
	dev := openDevice(t)
	rng := rand.New(rand.NewPCG(31, 32))
	for _, s := range convTransposeShapes {
		t.Run(s.String(), func(t *testing.T) {
			y, w, x := convTensors(s)
			expectMatch(t, dev, &op.Conv2DTranspose{X: x, W: w, Y: y, S: s}, rng, nil, DefaultThreshold)
		})
	}
}

func TestConv2DTransposeBwdInputMatchesReference(t *testing.T) {
	dev := openDevice(t)
	rng := rand.New(rand.NewPCG(33, 34))
	for _, s := range convTransposeShapes {
		t.Run(s.String(), func(t *testing.T) {
			dy, w, dx := convTensors(s)
			expectMatch(t, dev, &op.Conv2DTransposeBwdInput{DY: dy, W: w, DX: dx, S: s}, rng, nil, DefaultThreshold)
		})
	}
}

func TestConv2DTransposeBwdFilterMatchesReference(t *testing.T) {
	dev := openDevice(t)
	rng := rand.New(rand.NewPCG(35, 36))
	for _, s := range convTransposeShapes {
		t.Run(s.String(), func(t *testing.T) {
			dy, dw, x := convTensors(s)
			expectMatch(t, dev, &op.Conv2DTransposeBwdFilter{X: x, DY: dy, DW: dw, S: s}, rng, nil, DefaultThreshold)
		})
	}
}
