package check

import (
	"math/rand/v2"
	"testing"

	"dcganvk/nn/op"
)

// TestStorageBufferReads runs the kernels that read through texel buffers
// where the device allows it (shaders/reads.glsl) in their storage buffer
// variant, as on a device whose texel buffer limit is too small, at awkward
// sizes.
func TestStorageBufferReads(t *testing.T) {
	dev := openDevice(t)
	dev.Info.MaxTexelElements = 0
	rng := rand.New(rand.NewPCG(29, 30))
	for _, s := range []op.ConvShape{
		{N: 3, H: 9, W: 7, Cin: 3, Cout: 5, K: 5, Stride: 2},
		{N: 2, H: 11, W: 13, Cin: 20, Cout: 36, K: 5, Stride: 1},
	} {
		t.Run(s.String(), func(t *testing.T) { expectConvKernelsMatch(t, dev, s, rng) })
	}
	for _, trans := range []bool{false, true} {
		m, n, k := 37, 53, 71
		a, b, c := op.NewF32("a", m, k), op.NewF32("b", k, n), op.NewF32("c", m, n)
		expectMatch(t, dev, &op.MatMul{A: a, B: b, C: c, M: m, N: n, K: k, TransA: trans, TransB: trans},
			rng, nil, DefaultThreshold)
	}
}
