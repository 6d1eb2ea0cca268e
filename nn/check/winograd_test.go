package check

import (
	"math/rand/v2"
	"testing"

	"dcganvk/gpu"
	"dcganvk/nn/op"
	"dcganvk/nn/ref"
	"dcganvk/nn/vkexec"
)

// winogradShapes are stride-1 convolutions with a 5x5 filter: convT1's at
// a small batch, then images that the 4x4 tiles do not divide (5x5, 9x9,
// 6x10), one smaller than the filter, odd channel counts, and a batch whose
// tiles are not a multiple of the workgroup or of 4.
var winogradShapes = []op.ConvShape{
	{N: 3, H: 7, W: 7, Cin: 128, Cout: 256, K: 5, Stride: 1},
	{N: 2, H: 5, W: 5, Cin: 3, Cout: 5, K: 5, Stride: 1},
	{N: 5, H: 9, W: 9, Cin: 7, Cout: 13, K: 5, Stride: 1},
	{N: 1, H: 6, W: 10, Cin: 20, Cout: 36, K: 5, Stride: 1},
	{N: 3, H: 3, W: 2, Cin: 9, Cout: 4, K: 5, Stride: 1},
	{N: 33, H: 7, W: 7, Cin: 12, Cout: 1, K: 5, Stride: 1},
}

// phaseShapes are stride-2 convolutions with a 5x5 filter, whose filter
// gradients run in F(4x4, 3x3) form on the input's space-to-depth image:
// D's conv2 at a small batch, odd images (two rows and columns of padding
// before them, not one), outputs that the 4x4 tiles do not divide (5x3,
// 2x1), a single output channel, and a batch whose tiles are not a multiple
// of the workgroup or of 4.
var phaseShapes = []op.ConvShape{
	{N: 3, H: 14, W: 14, Cin: 64, Cout: 128, K: 5, Stride: 2},
	{N: 5, H: 13, W: 11, Cin: 8, Cout: 12, K: 5, Stride: 2},
	{N: 2, H: 9, W: 6, Cin: 4, Cout: 5, K: 5, Stride: 2},
	{N: 3, H: 3, W: 2, Cin: 12, Cout: 7, K: 5, Stride: 2},
	{N: 33, H: 14, W: 14, Cin: 4, Cout: 1, K: 5, Stride: 2},
}

// TestWinogradMatchesReference runs the stride-1 convolutions in Winograd
// form: on lavapipe as it is (texel reads, loads shared over the
// subgroup), with storage-buffer reads, and with the GPU's register blocks
// and no sharing. Each runs the forward pass, the input gradient and the
// accumulating filter gradient of the convolution, and the three passes of
// its transposed convolution.
func TestWinogradMatchesReference(t *testing.T) {
	dev := openDevice(t)
	rng := rand.New(rand.NewPCG(41, 42))
	cpu := dev.Info.Type
	for _, c := range []struct {
		name, kernels string
		device        gpu.DeviceType
	}{
		{"texel", "winograd=on", cpu},
		{"storage", "winograd=on,texel=off", cpu},
		{"gpu-blocks", "winograd=on,conv=direct,filter=direct", gpu.Discrete},
	} {
		dev.Info.Type, dev.Kernels = c.device, c.kernels
		for _, s := range winogradShapes {
			t.Run(c.name+"/"+s.String(), func(t *testing.T) {
				expectConvKernelsMatch(t, dev, s, rng)
				expectTransposeKernelsMatch(t, dev, s, rng)
			})
		}
		for _, s := range phaseShapes {
			t.Run(c.name+"/"+s.String(), func(t *testing.T) { expectFilterGradientsMatch(t, dev, s, rng) })
		}
	}
}

// expectFilterGradientsMatch runs the filter gradients of s, accumulating
// and not, and of its transposed convolution.
func expectFilterGradientsMatch(t *testing.T, dev *gpu.Device, s op.ConvShape, rng *rand.Rand) {
	t.Helper()
	x, w, y := convTensors(s)
	for _, acc := range []bool{false, true} {
		expectMatch(t, dev, &op.Conv2DBwdFilter{X: x, DY: y, DW: w, S: s, Accumulate: acc}, rng, nil, DefaultThreshold)
	}
	expectMatch(t, dev, &op.Conv2DTransposeBwdFilter{X: y, DY: x, DW: w, S: s}, rng, nil, DefaultThreshold)
}

// TestDirectMatchesReferenceAtWinogradShapes runs the direct kernels at
// the shapes that a CPU device otherwise gives to Winograd.
func TestDirectMatchesReferenceAtWinogradShapes(t *testing.T) {
	dev := openDevice(t)
	dev.Kernels = "winograd=off"
	rng := rand.New(rand.NewPCG(43, 44))
	for _, s := range winogradShapes {
		t.Run(s.String(), func(t *testing.T) { expectConvKernelsMatch(t, dev, s, rng) })
	}
	for _, s := range phaseShapes {
		t.Run(s.String(), func(t *testing.T) { expectFilterGradientsMatch(t, dev, s, rng) })
	}
}

// expectTransposeKernelsMatch runs the transposed convolution that is the
// adjoint of s, its input gradient and its filter gradient.
func expectTransposeKernelsMatch(t *testing.T, dev *gpu.Device, s op.ConvShape, rng *rand.Rand) {
	t.Helper()
	y, w, x := convTensors(s)
	expectMatch(t, dev, &op.Conv2DTranspose{X: x, W: w, Y: y, S: s}, rng, nil, DefaultThreshold)
	expectMatch(t, dev, &op.Conv2DTransposeBwdInput{DY: y, W: w, DX: x, S: s}, rng, nil, DefaultThreshold)
	expectMatch(t, dev, &op.Conv2DTransposeBwdFilter{X: x, DY: y, DW: w, S: s}, rng, nil, DefaultThreshold)
}

// TestWinogradReusesTransforms runs a transposed convolution's forward pass
// and its filter gradient in one plan, where the filter gradient reuses the
// forward pass's transform of x, and again with an op between them that
// writes x, where it must not.
func TestWinogradReusesTransforms(t *testing.T) {
	dev := openDevice(t)
	dev.Kernels = "winograd=on"
	rng := rand.New(rand.NewPCG(45, 46))
	s := op.ConvShape{N: 3, H: 7, W: 7, Cin: 12, Cout: 20, K: 5, Stride: 1}
	y, w, x := convTensors(s)
	dy, dw, z := op.NewF32("dy", y.Shape...), op.NewF32("dw", w.Shape...), op.NewF32("z", x.Shape...)
	forward := &op.Conv2DTranspose{X: x, W: w, Y: y, S: s}
	filter := &op.Conv2DTransposeBwdFilter{X: x, DY: dy, DW: dw, S: s}
	overwrite := &op.ActivationFwd{Fn: op.Tanh, X: z, Y: x, N: x.Len()}
	for name, ops := range map[string][]op.Op{"reused": {forward, filter}, "overwritten": {forward, overwrite, filter}} {
		t.Run(name, func(t *testing.T) {
			var plan op.Plan
			if err := plan.Add(ops...); err != nil {
				t.Fatal(err)
			}
			expectPlanMatch(t, dev, &plan, rng, y, dw)
		})
	}
}

// expectPlanMatch runs plan on dev and on the CPU reference from the same
// random contents and compares the outputs.
func expectPlanMatch(t *testing.T, device *gpu.Device, plan *op.Plan, rng *rand.Rand, outputs ...*op.Tensor) {
	t.Helper()
	dev, err := vkexec.New(device, vkexec.Options{}, plan)
	if err != nil {
		t.Fatal(err)
	}
	defer dev.Close()
	cpu := ref.New(plan)
	var writes []tensorData
	for _, tensor := range plan.Tensors() {
		writes = append(writes, tensorData{tensor, RandomInput(tensor, rng)})
	}
	if err := writeAll(writes, dev, cpu); err != nil {
		t.Fatal(err)
	}
	if err := dev.Run(plan); err != nil {
		t.Fatal(err)
	}
	if err := cpu.Run(plan); err != nil {
		t.Fatal(err)
	}
	for _, out := range outputs {
		got, err := dev.Read(out)
		if err != nil {
			t.Fatal(err)
		}
		want, err := cpu.Read(out)
		if err != nil {
			t.Fatal(err)
		}
		if d := Compare(got, want); !(d.NMSE <= DefaultThreshold) {
			t.Errorf("%s: NMSE %.3g", out.Name, d.NMSE)
		}
	}
}
