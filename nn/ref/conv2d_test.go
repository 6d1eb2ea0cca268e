package ref

import (
	"math"
	"math/rand/v2"
	"testing"

	"dcganvk/nn/op"
)

// gradShapes are small convolutions for the gradient checks: odd sizes,
// both strides, one channel, and an image smaller than the filter.
var gradShapes = []op.ConvShape{
	{N: 2, H: 6, W: 5, Cin: 4, Cout: 3, K: 3, Stride: 1},
	{N: 3, H: 9, W: 7, Cin: 3, Cout: 5, K: 5, Stride: 2},
	{N: 1, H: 8, W: 8, Cin: 1, Cout: 2, K: 5, Stride: 2},
	{N: 2, H: 3, W: 2, Cin: 2, Cout: 1, K: 5, Stride: 2},
}

// dot is Σ a·b in float64.
func dot(a, b []float64) float64 {
	var s float64
	for i := range a {
		s += a[i] * b[i]
	}
	return s
}

// TestConv2DSamePadding checks Conv2D against values worked out by hand:
// a 4x4 image of 1..16 and a 3x3 filter of ones at stride 2, where TF's
// 'same' padding puts its one zero row and column after the image.
func TestConv2DSamePadding(t *testing.T) {
	s := op.ConvShape{N: 1, H: 4, W: 4, Cin: 1, Cout: 1, K: 3, Stride: 2}
	x := make([]float64, 16)
	for i := range x {
		x[i] = float64(i + 1)
	}
	w := []float64{1, 1, 1, 1, 1, 1, 1, 1, 1}
	y := make([]float64, 4)
	Conv2D(x, w, y, s)
	want := []float64{54, 45, 72, 54}
	for i := range want {
		if y[i] != want[i] {
			t.Fatalf("y = %v, want %v", y, want)
		}
	}
	if real := (op.ConvShape{N: 1, H: 28, W: 28, Cin: 1, Cout: 64, K: 5, Stride: 2}); real.PadTop() != 1 || real.PadLeft() != 1 {
		t.Errorf("28x28 k5 s2 pads %d, %d before; TF pads 1 before and 2 after", real.PadTop(), real.PadLeft())
	}
}

// TestConv2DGradientsMatchFiniteDifferences checks Conv2DBwdInput and
// Conv2DBwdFilter against central differences of L = Σ conv(x, w)·r for a
// fixed random r, and that Accumulate adds the old filter gradient.
func TestConv2DGradientsMatchFiniteDifferences(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	for _, s := range gradShapes {
		t.Run(s.String(), func(t *testing.T) {
			x := randomFloat64s(rng, s.InLen(), 0)
			w := randomFloat64s(rng, s.FilterLen(), 0)
			r := randomFloat64s(rng, s.OutLen(), 0)
			y := make([]float64, s.OutLen())
			loss := func() float64 {
				Conv2D(x, w, y, s)
				return dot(y, r)
			}
			dx := make([]float64, s.InLen())
			Conv2DBwdInput(r, w, dx, s)
			expectGradient(t, "x", loss, x, dx)
			dw := make([]float64, s.FilterLen())
			Conv2DBwdFilter(x, r, dw, s, false)
			expectGradient(t, "w", loss, w, dw)

			acc := randomFloat64s(rng, s.FilterLen(), 0)
			old := append([]float64(nil), acc...)
			Conv2DBwdFilter(x, r, acc, s, true)
			for i := range acc {
				if math.Abs(acc[i]-(old[i]+dw[i])) > 1e-12*(1+math.Abs(acc[i])) {
					t.Fatalf("accumulated dw[%d] = %g, want %g + %g", i, acc[i], old[i], dw[i])
				}
			}
		})
	}
}

// TestConv2DAdjoint checks <conv(x), dy> = <x, bwd_input(dy)> and
// <conv(x; w), dy> = <w, bwd_filter(x, dy)> in float64 at the DCGAN's
// real shapes (batch 2), where the gradient checks would be slow.
func TestConv2DAdjoint(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 14))
	shapes := []op.ConvShape{
		{N: 2, H: 28, W: 28, Cin: 1, Cout: 64, K: 5, Stride: 2},
		{N: 2, H: 14, W: 14, Cin: 64, Cout: 128, K: 5, Stride: 2},
		{N: 2, H: 7, W: 7, Cin: 128, Cout: 256, K: 5, Stride: 1},
	}
	for _, s := range append(shapes, gradShapes...) {
		t.Run(s.String(), func(t *testing.T) {
			x := randomFloat64s(rng, s.InLen(), 0)
			w := randomFloat64s(rng, s.FilterLen(), 0)
			dy := randomFloat64s(rng, s.OutLen(), 0)
			y := make([]float64, s.OutLen())
			Conv2D(x, w, y, s)
			dx := make([]float64, s.InLen())
			Conv2DBwdInput(dy, w, dx, s)
			dw := make([]float64, s.FilterLen())
			Conv2DBwdFilter(x, dy, dw, s, false)
			lhs := dot(y, dy)
			for name, rhs := range map[string]float64{"x·bwd_input(dy)": dot(x, dx), "w·bwd_filter(x, dy)": dot(w, dw)} {
				if math.Abs(lhs-rhs) > 1e-10*math.Sqrt(float64(s.MACs())) {
					t.Errorf("conv(x)·dy = %.12g, %s = %.12g", lhs, name, rhs)
				}
			}
		})
	}
}

// runOp runs one op on the reference executor with the given inputs (the
// rest zero) and returns what it wrote.
func runOp(t *testing.T, o op.Op, inputs map[*op.Tensor][]float32) map[*op.Tensor][]float32 {
	t.Helper()
	var plan op.Plan
	if err := plan.Add(o); err != nil {
		t.Fatal(err)
	}
	e := New(&plan)
	for tensor, data := range inputs {
		if err := e.Write(tensor, data); err != nil {
			t.Fatal(err)
		}
	}
	if err := e.Run(&plan); err != nil {
		t.Fatal(err)
	}
	out := map[*op.Tensor][]float32{}
	for _, tensor := range o.Writes() {
		data, err := e.Read(tensor)
		if err != nil {
			t.Fatal(err)
		}
		out[tensor] = data
	}
	return out
}

// float32s draws n values from N(0,1) in float32.
func float32s(rng *rand.Rand, n int) []float32 {
	v := make([]float32, n)
	for i := range v {
		v[i] = float32(rng.NormFloat64())
	}
	return v
}

// dot32 is Σ a·b of float32 vectors, in float64.
func dot32(a, b []float32) float64 {
	var s float64
	for i := range a {
		s += float64(a[i]) * float64(b[i])
	}
	return s
}

// TestConv2DTransposeIsTheAdjoint runs the three transposed-convolution ops
// through the reference executor and checks that they are the gradients of
// L = Σ Sᵀ(x; w)·r: <Sᵀx, r> = <x, bwd_input(r)> = <w, bwd_filter(x, r)>.
func TestConv2DTransposeIsTheAdjoint(t *testing.T) {
	rng := rand.New(rand.NewPCG(15, 16))
	shapes := append([]op.ConvShape{{N: 2, H: 14, W: 14, Cin: 64, Cout: 128, K: 5, Stride: 2}}, gradShapes...)
	for _, s := range shapes {
		t.Run(s.String(), func(t *testing.T) {
			x := op.NewF32("x", s.N, s.OutH(), s.OutW(), s.Cout)
			w := op.NewF32("w", s.K, s.K, s.Cin, s.Cout)
			y := op.NewF32("y", s.N, s.H, s.W, s.Cin)
			dx := op.NewF32("dx", s.N, s.OutH(), s.OutW(), s.Cout)
			dw := op.NewF32("dw", s.K, s.K, s.Cin, s.Cout)
			xv, wv, r := float32s(rng, x.Len()), float32s(rng, w.Len()), float32s(rng, y.Len())
			yv := runOp(t, &op.Conv2DTranspose{X: x, W: w, Y: y, S: s}, map[*op.Tensor][]float32{x: xv, w: wv})[y]
			dxv := runOp(t, &op.Conv2DTransposeBwdInput{DY: y, W: w, DX: dx, S: s}, map[*op.Tensor][]float32{y: r, w: wv})[dx]
			dwv := runOp(t, &op.Conv2DTransposeBwdFilter{X: x, DY: y, DW: dw, S: s}, map[*op.Tensor][]float32{x: xv, y: r})[dw]
			lhs := dot32(yv, r)
			for name, rhs := range map[string]float64{"x·bwd_input(r)": dot32(xv, dxv), "w·bwd_filter(x, r)": dot32(wv, dwv)} {
				if math.Abs(lhs-rhs) > 1e-6*math.Sqrt(float64(s.MACs())) {
					t.Errorf("Sᵀx·r = %.9g, %s = %.9g", lhs, name, rhs)
				}
			}
		})
	}
}
