package gpu

import (
	"dcganvk/shaders"
	"fmt"
	"strings"
	"testing"
)

// probeSpec is shaders/load_probe.comp in one mode, its texel binding in f.
func probeSpec(mode, iters int, f TexelFormat) PipelineSpec {
	return PipelineSpec{Shader: "load_probe", Constants: shaders.LoadProbe{Mode: mode, Iters: iters, Mask: 4095},
		Texels: []TexelFormat{NoTexel, f}}
}

func TestTexelBindingPastTheDeviceLimitIsAnError(t *testing.T) {
	c := openTest(t, false)
	k, err := c.Pipeline(probeSpec(2, 1, TexelR32F))
	if err != nil {
		t.Fatal(err)
	}
	arena := c.NewArena()
	a, err := arena.NewBuffer(4 * 4096)
	if err != nil {
		t.Fatal(err)
	}
	y, err := arena.NewBuffer(16 * 64)
	if err != nil {
		t.Fatal(err)
	}
	c.Info.MaxTexelElements = 4095
	rec, err := c.NewRecording(RecordOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer rec.Destroy()
	err = rec.Dispatch(k, [3]uint32{1, 1, 1}, []*Buffer{a, a}, []*Buffer{y})
	if err == nil || !strings.Contains(err.Error(), "texel") {
		t.Fatalf("a 4096-texel binding under a 4095-texel limit gave %v", err)
	}
}

// BenchmarkLoads measures what one read costs each invocation (ns_per_load,
// over the whole device) by kind of read: on lavapipe a texel fetch is a
// vector gather and a storage buffer load a loop over the SIMD lanes
// (docs/perf-notes.md).
func BenchmarkLoads(b *testing.B) {
	c := openTest(b, false)
	arena := c.NewArena()
	a, err := arena.NewBuffer(4 * 4 * 4096)
	if err != nil {
		b.Fatal(err)
	}
	const groups, iters = 256, 256
	y, err := arena.NewBuffer(16 * 64 * groups)
	if err != nil {
		b.Fatal(err)
	}
	modes := []struct {
		name string
		f    TexelFormat
	}{{"ssbo-float", TexelR32F}, {"ssbo-vec4", TexelR32F}, {"texel-float", TexelR32F},
		{"texel-vec4", TexelRGBA32F}, {"shuffle", TexelR32F}}
	for mode, m := range modes {
		b.Run(m.name, func(b *testing.B) {
			k, err := c.Pipeline(probeSpec(mode, iters, m.f))
			if err != nil {
				b.Fatal(err)
			}
			rec, err := c.NewRecording(RecordOptions{})
			if err != nil {
				b.Fatal(err)
			}
			defer rec.Destroy()
			if err := rec.Dispatch(k, [3]uint32{groups, 1, 1}, []*Buffer{a, a}, []*Buffer{y}); err != nil {
				b.Fatal(err)
			}
			b.ResetTimer()
			for range b.N {
				if err := rec.Run(); err != nil {
					b.Fatal(fmt.Errorf("%s: %w", m.name, err))
				}
			}
			loads := float64(b.N) * groups * 64 * iters * 16
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/loads, "ns_per_load")
		})
	}
}
