package vkexec_test

import (
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"dcganvk/gpu/gputest"
	"dcganvk/nn/check"
	"dcganvk/nn/op"
	"dcganvk/nn/vkexec"
)

// BenchmarkStride2Passes times each pass of the discriminator's stride-2
// convolution at batch 256 (512 images: the real and the fake batch) on its
// own, by device timestamps, so that a change to one kernel can be measured
// without the noise of a whole step:
//
//	DCGANVK_VALIDATE=0 go test -run '^$' -bench Stride2 -benchtime 9x ./nn/vkexec
//
// It reports the median device milliseconds of the b.N runs after a warm-up
// run (lavapipe compiles a shader on its first dispatch), and GFLOP/s.
func BenchmarkStride2Passes(b *testing.B) {
	s := op.ConvShape{N: 512, H: 14, W: 14, Cin: 64, Cout: 128, K: 5, Stride: 2}
	x, dx := op.NewF32("x", s.N, s.H, s.W, s.Cin), op.NewF32("dx", s.N, s.H, s.W, s.Cin)
	y, dy := op.NewF32("y", s.N, s.OutH(), s.OutW(), s.Cout), op.NewF32("dy", s.N, s.OutH(), s.OutW(), s.Cout)
	w, dw := op.NewF32("w", s.K, s.K, s.Cin, s.Cout), op.NewF32("dw", s.K, s.K, s.Cin, s.Cout)
	rng := rand.New(rand.NewPCG(1, 2))
	for _, pass := range []op.Op{
		&op.Conv2D{X: x, W: w, Y: y, S: s},
		&op.Conv2DBwdInput{DY: dy, W: w, DX: dx, S: s},
		&op.Conv2DBwdFilter{X: x, DY: dy, DW: dw, S: s},
	} {
		b.Run(pass.Kernel(), func(b *testing.B) {
			dev := gputest.Open(b)
			var plan op.Plan
			if err := plan.Add(pass); err != nil {
				b.Fatal(err)
			}
			e, err := vkexec.New(dev, vkexec.Options{Timestamps: true}, &plan)
			if err != nil {
				b.Fatal(err)
			}
			defer e.Close()
			for _, t := range pass.Reads() {
				if err := e.Write(t, check.RandomInput(t, rng)); err != nil {
					b.Fatal(err)
				}
			}
			if err := e.Run(&plan); err != nil {
				b.Fatal(err)
			}
			ms := make([]float64, 0, b.N)
			b.ResetTimer()
			for range b.N {
				if err := e.Run(&plan); err != nil {
					b.Fatal(err)
				}
				timings, err := e.Timings(&plan)
				if err != nil {
					b.Fatal(err)
				}
				ms = append(ms, float64(timings[0].Duration)/float64(time.Millisecond))
			}
			slices.Sort(ms)
			median := ms[len(ms)/2]
			b.ReportMetric(median, "device-ms")
			b.ReportMetric(float64(pass.FLOPs())/1e6/median, "GFLOP/s")
		})
	}
}
