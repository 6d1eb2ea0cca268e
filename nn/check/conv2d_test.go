package check

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"dcganvk/gpu"
	"dcganvk/nn/op"
)

// awkwardConvShapes are small convolutions with odd sizes, channel counts
// that fill no block, one channel (the last two as im2col takes them), an
// image smaller than the filter.
var awkwardConvShapes = []op.ConvShape{
	{N: 3, H: 9, W: 7, Cin: 3, Cout: 5, K: 5, Stride: 2},
	{N: 2, H: 6, W: 5, Cin: 4, Cout: 3, K: 3, Stride: 1},
	{N: 2, H: 11, W: 13, Cin: 20, Cout: 36, K: 5, Stride: 1},
	{N: 1, H: 5, W: 5, Cin: 1, Cout: 1, K: 5, Stride: 2},
	{N: 2, H: 3, W: 2, Cin: 24, Cout: 12, K: 5, Stride: 2},
	{N: 2, H: 8, W: 9, Cin: 6, Cout: 8, K: 5, Stride: 2},
	{N: 3, H: 9, W: 7, Cin: 1, Cout: 12, K: 5, Stride: 2},
	{N: 3, H: 7, W: 7, Cin: 1, Cout: 8, K: 3, Stride: 1},
}

// convShapes are the discriminator's two convolutions at batch 3, then the
// awkward ones.
var convShapes = append([]op.ConvShape{
	{N: 3, H: 28, W: 28, Cin: 1, Cout: 64, K: 5, Stride: 2},
	{N: 3, H: 14, W: 14, Cin: 64, Cout: 128, K: 5, Stride: 2},
}, awkwardConvShapes...)

// convTensors makes the input, filter and output of a convolution.
func convTensors(s op.ConvShape) (x, w, y *op.Tensor) {
	return op.NewF32("x", s.N, s.H, s.W, s.Cin), op.NewF32("w", s.K, s.K, s.Cin, s.Cout),
		op.NewF32("y", s.N, s.OutH(), s.OutW(), s.Cout)
}

func TestConv2DMatchesReference(t *testing.T) {
	dev := openDevice(t)
	rng := rand.New(rand.NewPCG(21, 22))
	for _, s := range convShapes {
		t.Run(s.String(), func(t *testing.T) {
			x, w, y := convTensors(s)
			expectMatch(t, dev, &op.Conv2D{X: x, W: w, Y: y, S: s}, rng, nil, DefaultThreshold)
		})
	}
}

func TestConv2DBwdInputMatchesReference(t *testing.T) {
	dev := openDevice(t)
	rng := rand.New(rand.NewPCG(23, 24))
	for _, s := range convShapes {
		t.Run(s.String(), func(t *testing.T) {
			dx, w, dy := convTensors(s)
			expectMatch(t, dev, &op.Conv2DBwdInput{DY: dy, W: w, DX: dx, S: s}, rng, nil, DefaultThreshold)
		})
	}
}

// TestConv2DBwdFilterMatchesReference runs the filter gradient that adds
// to the old one at every shape, and the plain one at the real shapes (the
// transposed convolution's test runs it at the awkward ones).
func TestConv2DBwdFilterMatchesReference(t *testing.T) {
	dev := openDevice(t)
	rng := rand.New(rand.NewPCG(25, 26))
	for i, s := range convShapes {
		for _, acc := range []bool{true, false} {
			if !acc && i >= len(convShapes)-len(awkwardConvShapes) {
				continue
			}
			t.Run(fmt.Sprintf("%v/acc=%v", s, acc), func(t *testing.T) {
				x, dw, dy := convTensors(s)
				expectMatch(t, dev, &op.Conv2DBwdFilter{X: x, DY: dy, DW: dw, S: s, Accumulate: acc}, rng, nil, DefaultThreshold)
			})
		}
	}
}

// TestConvAsOnAGPU runs the conv kernels as on a GPU: with the GPU's
// register blocks, and each invocation loading every value it needs itself
// (on a CPU device they share loads over the subgroup). The shapes: odd
// sizes with three channels; channel counts that the GPU blocks split with
// a tail; and an image smaller than the filter whose filter gradient splits
// the taps into blocks with a tail.
func TestConvAsOnAGPU(t *testing.T) {
	dev := openDevice(t)
	dev.Info.Type = gpu.Discrete
	dev.Kernels = "conv=direct,filter=direct"
	rng := rand.New(rand.NewPCG(27, 28))
	for _, s := range gpuTestShapes {
		t.Run(s.String(), func(t *testing.T) { expectConvKernelsMatch(t, dev, s, rng) })
	}
}

// gpuTestShapes are the conv shapes the GPU variants are tested at.
var gpuTestShapes = []op.ConvShape{
	{N: 3, H: 9, W: 7, Cin: 3, Cout: 5, K: 5, Stride: 2},
	{N: 5, H: 11, W: 13, Cin: 20, Cout: 36, K: 5, Stride: 1},
	{N: 2, H: 3, W: 2, Cin: 24, Cout: 12, K: 5, Stride: 2},
}

// TestTiledConvMatchesReference runs the GPU's tiled implicit-GEMM
// convolutions and the split filter gradient (what a GPU runs by default)
// on lavapipe, at two tile sizes: at the model's three conv shapes at a
// small batch, whose products leave tile tails in rows, columns or the
// sum, and at the odd shapes above.
func TestTiledConvMatchesReference(t *testing.T) {
	dev := openDevice(t)
	dev.Info.Type = gpu.Discrete
	rng := rand.New(rand.NewPCG(29, 30))
	shapes := append([]op.ConvShape{
		{N: 3, H: 7, W: 7, Cin: 128, Cout: 256, K: 5, Stride: 1},
		{N: 3, H: 14, W: 14, Cin: 64, Cout: 128, K: 5, Stride: 2},
		{N: 3, H: 28, W: 28, Cin: 1, Cout: 64, K: 5, Stride: 2},
	}, gpuTestShapes...)
	for _, tile := range []string{"32", "64"} {
		dev.Kernels = "conv=tiled,filter=splitk,tile=" + tile
		for _, s := range shapes {
			t.Run("tile"+tile+"/"+s.String(), func(t *testing.T) { expectConvKernelsMatch(t, dev, s, rng) })
		}
	}
}

// expectConvKernelsMatch runs the forward pass, the input gradient and the
// accumulating filter gradient of s on dev against the reference.
func expectConvKernelsMatch(t *testing.T, dev *gpu.Device, s op.ConvShape, rng *rand.Rand) {
	t.Helper()
	x, w, y := convTensors(s)
	expectMatch(t, dev, &op.Conv2D{X: x, W: w, Y: y, S: s}, rng, nil, DefaultThreshold)
	expectMatch(t, dev, &op.Conv2DBwdInput{DY: y, W: w, DX: x, S: s}, rng, nil, DefaultThreshold)
	expectMatch(t, dev, &op.Conv2DBwdFilter{X: x, DY: y, DW: w, S: s, Accumulate: true}, rng, nil, DefaultThreshold)
}

// TestConv2DBwdFilterLargeBatch sums the filter gradient over more loop
// iterations than lavapipe lets one invocation take (65535, past which loops
// silently stop), so the batch must go in parts.
func TestConv2DBwdFilterLargeBatch(t *testing.T) {
	dev := openDevice(t)
	rng := rand.New(rand.NewPCG(31, 32))
	s := op.ConvShape{N: 1400, H: 7, W: 7, Cin: 4, Cout: 4, K: 5, Stride: 1}
	x, dw, dy := convTensors(s)
	for _, acc := range []bool{false, true} {
		expectMatch(t, dev, &op.Conv2DBwdFilter{X: x, DY: dy, DW: dw, S: s, Accumulate: acc}, rng, nil, DefaultThreshold)
	}
}
