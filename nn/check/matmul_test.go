package check

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"dcganvk/nn/op"
)

func TestMatMulMatchesReference(t *testing.T) {
	dev := openDevice(t)
	rng := rand.New(rand.NewPCG(1, 2))
	type size struct{ m, n, k int }
	// 100x3300x36 and 20x3300x36 are large enough for the blocked product
	// kernel (nn/vkexec/matmul.go), their columns no multiple of its blocks.
	sizes := []size{{1, 1, 1}, {37, 53, 71}, {36, 52, 20}, {5, 1, 6272}, {12, 1, 40}, {12, 7, 9},
		{100, 3300, 36}, {20, 3300, 36}, {256, 12544, 100}}
	for _, s := range sizes {
		for _, mode := range []struct{ ta, tb, acc bool }{
			{false, false, false}, {true, false, false}, {false, true, false}, {true, true, true},
		} {
			if s.m*s.n*s.k > 1e8 && (mode.ta || mode.tb) {
				continue // the Dense layer's shape runs once, untransposed, to bound the test's time
			}
			name := fmt.Sprintf("%dx%dx%d/ta=%v/tb=%v/acc=%v", s.m, s.n, s.k, mode.ta, mode.tb, mode.acc)
			t.Run(name, func(t *testing.T) {
				a := op.NewF32("a", s.m, s.k)
				b := op.NewF32("b", s.k, s.n)
				c := op.NewF32("c", s.m, s.n)
				o := &op.MatMul{A: a, B: b, C: c, M: s.m, N: s.n, K: s.k,
					TransA: mode.ta, TransB: mode.tb, Accumulate: mode.acc}
				expectMatch(t, dev, o, rng, nil, DefaultThreshold)
			})
		}
	}
}

// TestMatvecRowsMatchesReference runs long matrix-vector products (D's
// logit at a small batch, and a row length that is no multiple of the
// workgroup) through the per-row kernel a GPU uses, forced on lavapipe,
// with and without accumulation.
func TestMatvecRowsMatchesReference(t *testing.T) {
	dev := openDevice(t)
	dev.Kernels = "matvec=rows"
	rng := rand.New(rand.NewPCG(3, 4))
	for _, s := range []struct{ m, k int }{{5, 6272}, {3, 1030}} {
		for _, acc := range []bool{false, true} {
			t.Run(fmt.Sprintf("%dx%d/acc=%v", s.m, s.k, acc), func(t *testing.T) {
				a, b, c := op.NewF32("a", s.m, s.k), op.NewF32("b", s.k, 1), op.NewF32("c", s.m, 1)
				o := &op.MatMul{A: a, B: b, C: c, M: s.m, N: 1, K: s.k, Accumulate: acc}
				expectMatch(t, dev, o, rng, nil, DefaultThreshold)
			})
		}
	}
}

// TestCompareFlagsNaN makes sure that an element a kernel left unwritten
// (still NaN from the poison) fails the comparison.
func TestCompareFlagsNaN(t *testing.T) {
	want := []float32{1, 2, 3}
	got := []float32{1, 2, float32(math.NaN())}
	if d := Compare(got, want); d.NMSE <= DefaultThreshold {
		t.Fatalf("a NaN in the device output passed: %+v", d)
	}
	if d := Compare(want, want); d.NMSE != 0 || d.MaxAbsErr != 0 {
		t.Fatalf("identical outputs differ: %+v", d)
	}
}
