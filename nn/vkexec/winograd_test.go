package vkexec

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"dcganvk/gpu/gputest"
	"dcganvk/nn/op"
)

// TestWinogradTileMatchesShaders checks that the tile sizes the host lays
// the Winograd buffers out by are the ones shaders/winograd.glsl and
// shaders/winograd_3x3.glsl were generated for (make shaders).
func TestWinogradTileMatchesShaders(t *testing.T) {
	for file, r := range map[string]int{"winograd.glsl": winoR5, "winograd_3x3.glsl": winoR3} {
		text, err := os.ReadFile("../../shaders/" + file)
		if err != nil {
			t.Fatal(err)
		}
		for name, v := range map[string]int{"WINO_M": winoM, "WINO_R": r, "WINO_A": winoAlpha(r)} {
			if decl := fmt.Sprintf("const int %s = %d;", name, v); !strings.Contains(string(text), decl) {
				t.Errorf("shaders/%s does not declare %q", file, decl)
			}
		}
	}
}

// TestWinogradTransformReuse checks that a transposed convolution's filter
// gradient records no transform of x where its forward pass made one, and
// records it again after an op that writes x.
func TestWinogradTransformReuse(t *testing.T) {
	dev := gputest.Open(t)
	dev.Kernels = "winograd=on"
	s := op.ConvShape{N: 2, H: 7, W: 7, Cin: 8, Cout: 12, K: 5, Stride: 1}
	x, w := op.NewF32("x", s.N, s.H, s.W, s.Cout), op.NewF32("w", s.K, s.K, s.Cin, s.Cout)
	y, dy := op.NewF32("y", s.N, s.H, s.W, s.Cin), op.NewF32("dy", s.N, s.H, s.W, s.Cin)
	dw, z := op.NewF32("dw", s.K, s.K, s.Cin, s.Cout), op.NewF32("z", x.Shape...)
	forward := &op.Conv2DTranspose{X: x, W: w, Y: y, S: s}
	filter := &op.Conv2DTransposeBwdFilter{X: x, DY: dy, DW: dw, S: s}
	overwrite := &op.ActivationFwd{Fn: op.Tanh, X: z, Y: x, N: x.Len()}
	for _, c := range []struct {
		ops  []op.Op
		want []int
	}{
		{[]op.Op{forward, filter}, []int{4, 3}},
		{[]op.Op{forward, overwrite, filter}, []int{4, 1, 4}},
	} {
		var plan op.Plan
		if err := plan.Add(c.ops...); err != nil {
			t.Fatal(err)
		}
		e, err := New(dev, Options{}, &plan)
		if err != nil {
			t.Fatal(err)
		}
		if got := e.dispatches[&plan]; fmt.Sprint(got) != fmt.Sprint(c.want) {
			t.Errorf("dispatches per op %v, want %v", got, c.want)
		}
		e.Close()
	}
}
