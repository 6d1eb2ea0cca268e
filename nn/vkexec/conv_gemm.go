package vkexec

import (
	"fmt"

	"dcganvk/gpu"
	"dcganvk/nn/op"
	"dcganvk/shaders"
)

// The modes of shaders/conv_gemm.comp (its MODE_* constants).
const (
	gemmForward = 0
	gemmInput   = 1
	gemmFilter  = 2
)

// gemmTile is the tiling of shaders/conv_gemm.comp: a bm x bn tile of
// outputs a workgroup, bk of the sum staged at a time, tm x tn outputs an
// invocation.
type gemmTile struct{ bm, bn, bk, tm, tn int }

// local is the workgroup size of the tiling.
func (t gemmTile) local() int { return (t.bm / t.tm) * (t.bn / t.tn) }

// narrowColumns and narrowTile: a product with at most narrowColumns
// columns (the input gradient of D's one-channel conv1, which is also
// G's last layer) takes tiles of at most narrowTile rows. Wider ones gain
// nothing there and spilled on AMD's compiler (at 64: over 600 SGPRs on
// vega10, navi21 and gfx1100, dcganvk pipelines; none at 32).
const (
	narrowColumns = 4
	narrowTile    = 32
)

// gemmTiling sizes the tiles for a product with nc columns: bm is the
// variant's tile edge (narrowTile at most for narrow products), bn the same
// or the power of two that covers nc, 16 by 16 invocations at most, and the
// staged slices (double-buffered) within the device's shared memory and
// workgroup size.
func (e *Executor) gemmTiling(nc int) gemmTile {
	t := gemmTile{bm: e.variants.Tile, bn: 1, bk: 16}
	if nc <= narrowColumns {
		t.bm = min(t.bm, narrowTile)
	}
	for t.bn < min(nc, t.bm) {
		t.bn *= 2
	}
	t.tm, t.tn = max(1, t.bm/16), max(1, t.bn/16)
	// Two buffers of bk x (bm + bn) floats.
	for t.bk > 4 && 2*4*(t.bm+t.bn)*t.bk > int(e.dev.Info.SharedMemoryBytes) {
		t.bk /= 2
	}
	for t.local() > int(e.dev.Info.MaxWorkgroupInvocation) {
		if t.tm <= t.tn {
			t.tm *= 2
		} else {
			t.tn *= 2
		}
	}
	return t
}

// gemmConstants are conv_gemm's constants for S in a mode.
func gemmConstants(s op.ConvShape, mode int, t gemmTile, split, phase int) shaders.ConvGemm {
	return shaders.ConvGemm{N: s.N, H: s.H, W: s.W, Cin: s.Cin, Cout: s.Cout, K: s.K, S: s.Stride,
		PadT: s.PadTop(), PadL: s.PadLeft(), Mode: mode, Bm: t.bm, Bn: t.bn, Bk: t.bk, Tm: t.tm, Tn: t.tn,
		LocalSizeX: t.local(), Split: split, Phase: phase}
}

// gemmGrid is the grid over an m x nc product, z splits deep.
func (e *Executor) gemmGrid(t gemmTile, m, nc, z int) ([3]uint32, error) {
	g := [3]uint32{groups(nc, t.bn), groups(m, t.bm), uint32(z)}
	for i, n := range g {
		if n > e.dev.Info.MaxWorkgroupCount[i] {
			return g, fmt.Errorf("conv_gemm: %d workgroups in dimension %d (limit %d)", n, i, e.dev.Info.MaxWorkgroupCount[i])
		}
	}
	return g, nil
}

// convGemmForward records y = conv(x, w) as a tiled implicit GEMM over
// rows (n, oy, ox) and columns co.
func (e *Executor) convGemmForward(s op.ConvShape, x, w, y *op.Tensor) error {
	t := e.gemmTiling(s.Cout)
	grid, err := e.gemmGrid(t, s.N*s.OutH()*s.OutW(), s.Cout, 1)
	if err != nil {
		return err
	}
	spec := gpu.PipelineSpec{Shader: "conv_gemm", Constants: gemmConstants(s, gemmForward, t, 1, 0)}
	return e.dispatch(spec, grid, []*op.Tensor{x, w}, []*op.Tensor{y})
}

// convGemmInput records dx = Sᵀ dy as a tiled implicit GEMM over rows
// (n, iy, ix) and columns ci. At stride S > 1 it runs once for each of the
// S² phases of (iy, ix), each over only the taps that reach it.
func (e *Executor) convGemmInput(s op.ConvShape, dy, w, dx *op.Tensor) error {
	t := e.gemmTiling(s.Cin)
	phases := [][3]int{{0, s.H, s.W}} // phase, rows, columns
	if s.Stride > 1 {
		phases = phases[:0]
		for p := range s.Stride * s.Stride {
			py, px := p/s.Stride, p%s.Stride
			phases = append(phases, [3]int{p + 1, (s.H - py + s.Stride - 1) / s.Stride, (s.W - px + s.Stride - 1) / s.Stride})
		}
	}
	for _, p := range phases {
		if p[1] <= 0 || p[2] <= 0 {
			continue // no input position falls in this phase
		}
		grid, err := e.gemmGrid(t, s.N*p[1]*p[2], s.Cin, 1)
		if err != nil {
			return err
		}
		spec := gpu.PipelineSpec{Shader: "conv_gemm", Constants: gemmConstants(s, gemmInput, t, 1, p[0])}
		if err := e.dispatch(spec, grid, []*op.Tensor{dy, w}, []*op.Tensor{dx}); err != nil {
			return err
		}
	}
	return nil
}

// splitWorkgroups is how many workgroups a split filter gradient aims
// for: enough to fill a large GPU (132 multiprocessors) a few times over.
const splitWorkgroups = 512

// maxSplitFloats bounds the partial sums of one split filter gradient.
const maxSplitFloats = 1 << 24

// convSplitFilter records the filter gradient of S (plus the old dw when
// accumulate) as a tiled GEMM over rows (ky, kx, ci) and columns co whose
// sum over (n, oy, ox) is split into parts summed by their own
// workgroups, then shaders/conv_split_sum.comp adds the parts in order.
func (e *Executor) convSplitFilter(s op.ConvShape, x, dy, dw *op.Tensor, accumulate bool) error {
	t := e.gemmTiling(s.Cout)
	m, nc, kd := s.K*s.K*s.Cin, s.Cout, s.N*s.OutH()*s.OutW()
	tiles := int(groups(m, t.bm) * groups(nc, t.bn))
	parts := max(1, min((splitWorkgroups+tiles-1)/tiles, kd/(4*t.bk), maxSplitFloats/(m*nc)))
	split := ((kd+parts-1)/parts + t.bk - 1) / t.bk * t.bk
	parts = (kd + split - 1) / split
	partial := op.NewF32(dw.Name+"/parts", parts, m*nc)
	if err := e.allocate(partial); err != nil {
		return err
	}
	grid, err := e.gemmGrid(t, m, nc, parts)
	if err != nil {
		return err
	}
	spec := gpu.PipelineSpec{Shader: "conv_gemm", Constants: gemmConstants(s, gemmFilter, t, split, 0)}
	if err := e.dispatch(spec, grid, []*op.Tensor{x, dy}, []*op.Tensor{partial}); err != nil {
		return err
	}
	sum := gpu.PipelineSpec{Shader: "conv_split_sum", Constants: shaders.ConvSplitSum{N: m * nc, Splits: parts, Accumulate: accumulate}}
	return e.dispatch(sum, elementGroups(m*nc), []*op.Tensor{partial}, []*op.Tensor{dw})
}
