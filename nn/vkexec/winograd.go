package vkexec

import (
	"fmt"

	"dcganvk/gpu"
	"dcganvk/nn/op"
	"dcganvk/shaders"
)

// A stride-1 convolution with a 5x5 filter runs, with the winograd variant,
// in Winograd's F(4x4, 5x5) form: each image is cut into 4x4 output tiles,
// each read as an 8x8 input tile, and every one of the 64 positions p of
// the transformed tiles is one product
//
//	M[p] = V[p] · U[p]   ([tiles x in channels] · [in channels x out channels])
//
// of the tiles' transforms V = Bᵀ d B (shaders/winograd_data.comp) and the
// filter's U = G g Gᵀ (winograd_filter.comp, every step, which is cheap),
// by winograd_gemm.comp; the outputs are Aᵀ M A (winograd_inverse.comp).
// The matrices are generated (tools/winograd, shaders/winograd.glsl). At
// 7x7 that is 64·4 multiplies an image and channel pair where the direct
// kernels make 841 (the taps inside the image), about 3.3x fewer.
//
// The filter gradient of a stride-2 convolution with a 5x5 filter runs as
// that of a stride-1 one with a 3x3 filter, in F(4x4, 3x3) form: on the
// input's space-to-depth image (a pixel of it holds the 2x2 input pixels
// it covers, 4·Cin channels) the 5x5 filter is a 3x3 one over those
// channels, 11 of its 36 taps a channel outside the 5x5 and dropped when
// stored (phaseShape).

// winoM is the output tile edge of both forms; winoR5 and winoR3 are the
// filter edges of shaders/winograd.glsl and shaders/winograd_3x3.glsl.
const (
	winoM  = 4
	winoR5 = 5
	winoR3 = 3
)

// winoAlpha is the input tile edge of the form for an r x r filter.
func winoAlpha(r int) int { return winoM + r - 1 }

// winoPositions is the number of Winograd positions of a tile, α².
func winoPositions(r int) int { return winoAlpha(r) * winoAlpha(r) }

// winoShader is the name of a Winograd shader built for an r x r filter.
func winoShader(name string, r int) string {
	if r == winoR3 {
		return name + "_3x3"
	}
	return name
}

// winograd reports whether the variants run S in Winograd form.
func (e *Executor) winograd(s op.ConvShape) bool {
	return e.variants.Winograd && s.Stride == 1 && s.K == winoR5
}

// winogradFilter reports whether S's filter gradient runs in Winograd form:
// S's own, or for a stride-2 convolution with a 5x5 filter whose input
// channels come in fours, its phase shape's; on a CPU device only while the
// product's sum over the tiles, one a loop iteration, stays under lavapipe's
// loop limit (a batch of about 15000 7x7 images); past that the direct
// kernel takes the batch in parts.
func (e *Executor) winogradFilter(s op.ConvShape) bool {
	phases := e.variants.Winograd && s.Stride == 2 && s.K == winoR5 && s.Cin%4 == 0
	if phases {
		s = phaseShape(s)
	}
	return (phases || e.winograd(s)) && (e.dev.Info.Type != gpu.CPU || winoRows(s) < loopLimit)
}

// phaseShape is the stride-1 convolution with a 3x3 filter that a stride-2
// one with a 5x5 filter is on its input's space-to-depth image: the same
// output, 4·Cin input channels. With 'same' padding (one or two rows and
// columns before the input, so tap ky of a 5x5 filter falls on image row
// 2·(oy+δ) + p for δ = -1, 0 or 1), the 3x3 filter's 'same' padding of one
// takes each of those taps once.
func phaseShape(s op.ConvShape) op.ConvShape {
	return op.ConvShape{N: s.N, H: s.OutH(), W: s.OutW(), Cin: 4 * s.Cin, Cout: s.Cout, K: winoR3, Stride: 1}
}

// round4 rounds n up to a multiple of 4, as the Winograd buffers pad their
// rows and channels.
func round4(n int) int { return (n + 3) / 4 * 4 }

// winoRows is the number of tiles of S's batch, rounded up to a multiple
// of 4.
func winoRows(s op.ConvShape) int {
	return round4(s.N * ((s.H + winoM - 1) / winoM) * ((s.W + winoM - 1) / winoM))
}

// scratch is the executor's scratch tensor of n floats for a role,
// allocated once and shared by the ops that ask for the same: every op
// overwrites what it reads of it, and the recording orders the accesses.
func (e *Executor) scratch(role string, n int) (*op.Tensor, error) {
	key := fmt.Sprintf("%s/%d", role, n)
	if t, ok := e.scratches[key]; ok {
		return t, nil
	}
	t := op.NewF32(key, n)
	if err := e.allocate(t); err != nil {
		return nil, fmt.Errorf("scratch %s: %w", key, err)
	}
	e.scratches[key] = t
	return t, nil
}

// winoCorrelate records out = the 'same' stride-1 correlation of in with
// S's filter w: S's forward convolution, or with flip its input gradient
// (a correlation of dy with w turned half a turn and its channels swapped,
// padded by K-1-PadTop).
func (e *Executor) winoCorrelate(s op.ConvShape, in, w, out *op.Tensor, flip bool) error {
	kd, nc, padT, padL := s.Cin, s.Cout, s.PadTop(), s.PadLeft()
	if flip {
		kd, nc, padT, padL = s.Cout, s.Cin, s.K-1-padT, s.K-1-padL
	}
	rows := winoRows(s)
	u, err := e.scratch("winograd/filter", winoPositions(winoR5)*round4(kd)*round4(nc))
	if err != nil {
		return err
	}
	m, err := e.scratch("winograd/product", winoPositions(winoR5)*rows*round4(nc))
	if err != nil {
		return err
	}
	n := round4(kd) * round4(nc) / 4
	spec := gpu.PipelineSpec{Shader: "winograd_filter", Constants: shaders.WinogradFilter{N: n, Cin: s.Cin, Cout: s.Cout, Flip: flip}}
	spec = e.texelReads(spec, []*op.Tensor{w}, gpu.TexelR32F)
	if err := e.dispatch(spec, elementGroups(n), []*op.Tensor{w}, []*op.Tensor{u}); err != nil {
		return err
	}
	v, err := e.winoData(in, winoR5, shaders.WinogradData{N: rows * round4(kd) / 4, Batch: s.N, H: s.H, W: s.W, C: kd,
		PadT: padT, PadL: padL, Rows: rows})
	if err != nil {
		return err
	}
	if err := e.winoGemm(v, u, m, winoPositions(winoR5), rows, round4(kd), round4(nc), round4(kd), false); err != nil {
		return err
	}
	tiles := s.N * ((s.H + winoM - 1) / winoM) * ((s.W + winoM - 1) / winoM)
	return e.winoInverse(m, out, winoR5, shaders.WinogradInverse{N: tiles * round4(nc) / 4, H: s.H, W: s.W, C: nc, Rows: rows})
}

// winoFilterGrad records S's filter gradient dw (plus the old dw when
// accumulate). Written with iy = oy+ky-PadTop,
//
//	dw[ky,kx,ci,co] = Σ dy[n, iy+(K-1-ky)-(K-1-PadTop), ·, co] · x[n,iy,ix,ci]
//
// is the filter gradient of winoCorrelate's input-gradient correlation
// (dy its input, x its output), at the filter turned half a turn:
// Gᵀ[Σ_tiles (Bᵀ d B) ⊙ (A x Aᵀ)]G with d the tiles of dy. Those are the
// tiles the input-gradient correlation of dy transforms, so where that ran
// on the same dy before (a transposed convolution's forward pass), the
// transform is reused (winoData). A stride-2 convolution's runs at its
// phase shape, x's tiles those of its space-to-depth image.
func (e *Executor) winoFilterGrad(s op.ConvShape, x, dy, dw *op.Tensor, accumulate bool) error {
	p, phases := s, s.Stride == 2
	if phases {
		p = phaseShape(s)
	}
	r := p.K
	rows, ci4, co4 := winoRows(p), round4(p.Cin), round4(p.Cout)
	d, err := e.winoData(dy, r, shaders.WinogradData{N: rows * co4 / 4, Batch: p.N, H: p.H, W: p.W, C: p.Cout,
		PadT: p.K - 1 - p.PadTop(), PadL: p.K - 1 - p.PadLeft(), Rows: rows})
	if err != nil {
		return err
	}
	g, err := e.winoData(x, r, shaders.WinogradData{N: rows * ci4 / 4, Batch: p.N, H: p.H, W: p.W, C: p.Cin, Gradient: true,
		Rows: rows, Phases: phases, SrcH: s.H, SrcW: s.W})
	if err != nil {
		return err
	}
	z, err := e.scratch("winograd/product", winoPositions(r)*co4*ci4)
	if err != nil {
		return err
	}
	if err := e.winoGemm(d, g, z, winoPositions(r), co4, rows, ci4, min(rows, winoChunk), true); err != nil {
		return err
	}
	return e.winoInverse(z, dw, r, shaders.WinogradInverse{N: p.Cout * ci4 / 4, H: p.Cout, W: 1, C: p.Cin, Rows: co4,
		Filter: true, Accumulate: accumulate, Phases: phases, K: s.K, PadT: s.PadTop(), PadL: s.PadLeft()})
}

// winoKey names a tile transform: of which tensor, made how, for which
// filter edge.
type winoKey struct {
	src *op.Tensor
	r   int
	c   shaders.WinogradData
}

// winoData returns the Winograd transforms of x's tiles for an r x r filter
// (shaders/winograd_data.comp), a tensor of their own for each tensor and
// constants. It records the transform unless the plan being recorded
// already did and no op since has written x (forgetTransforms).
func (e *Executor) winoData(x *op.Tensor, r int, c shaders.WinogradData) (*op.Tensor, error) {
	key := winoKey{x, r, c}
	v, ok := e.transforms[key]
	if !ok {
		name := "winograd/" + x.Name + "/data"
		if c.Gradient {
			name = "winograd/" + x.Name + "/gradient"
		}
		v = op.NewF32(name, winoPositions(r)*c.N*4)
		if err := e.allocate(v); err != nil {
			return nil, fmt.Errorf("transform of %s: %w", x, err)
		}
		e.transforms[key] = v
	}
	if e.fresh[key] {
		return v, nil
	}
	cx := c.C
	if c.Phases {
		cx /= 4
	}
	spec := gpu.PipelineSpec{Shader: winoShader("winograd_data", r), Constants: c}
	spec = e.texelReads(spec, []*op.Tensor{x}, vec4Texels(cx))
	if err := e.dispatch(spec, elementGroups(c.N), []*op.Tensor{x}, []*op.Tensor{v}); err != nil {
		return nil, err
	}
	e.fresh[key] = true
	return v, nil
}

// forgetTransforms drops the recorded transforms of the tensors that
// writes overlap, before an op that writes them is recorded.
func (e *Executor) forgetTransforms(writes []*op.Tensor) {
	for key := range e.fresh {
		for _, w := range writes {
			if key.src.Root() == w.Root() {
				delete(e.fresh, key)
			}
		}
	}
}

// winoChunk is how many tiles the filter gradient's product sums on their
// own before adding them to the total (16 7x7 images), so that no float32
// sum runs over the whole batch: in one sum its error grew with the batch
// (NMSE 1.0e-11 at batch 16, 1.25e-10 at 256).
const winoChunk = 64

// winoGemm records c[p] = a[p]·b[p] for each of positions, a rows x kd (or
// kd x rows, transposed, with transA) and b kd x nc, kd, nc and chunk
// multiples of 4 (rows too with transA), summed in parts of chunk of k, 4 or
// 8 of k a step: shaders/winograd_gemm.comp, with the register blocks of
// conv2d_fwd (twice the rows, a multiple of 4, with transA).
func (e *Executor) winoGemm(a, b, c *op.Tensor, positions, rows, kd, nc, chunk int, transA bool) error {
	blk := e.blocks()
	pb, cb := blk.fwdImages, min(blk.fwdChannels, nc)
	if transA {
		// A vec4 of a holds 4 rows at one k; two of them a k measured
		// best on lavapipe (4 rows lost 10-20%, 16 were no faster).
		pb = round4(2 * pb)
	}
	sg := e.shareSubgroup()
	local := min(convLocal, ((rows+pb-1)/pb+sg-1)/sg*sg)
	ks := 4
	if e.dev.Info.Type == gpu.CPU && kd%8 == 0 && chunk%8 == 0 {
		// Each accumulator takes 8 terms while it is in a register:
		// 3-5% faster products on lavapipe (16 were slower).
		ks = 8
	}
	spec := gpu.PipelineSpec{Shader: "winograd_gemm", Constants: shaders.WinogradGemm{Rows: rows, Kd: kd, Nc: nc,
		TransposeA: transA, Chunk: chunk, Ks: ks, Sg: sg, Pb: pb, Cb: cb, LocalSizeX: local}}
	spec = e.texelReads(spec, []*op.Tensor{a, b}, gpu.TexelRGBA32F, gpu.TexelRGBA32F)
	grid := [3]uint32{uint32(positions), groups(nc, cb), min(groups(rows, local*pb), maxGroupsPerDim)}
	return e.dispatch(spec, grid, []*op.Tensor{a, b}, []*op.Tensor{c})
}

// winoInverse records out = the inverse transform of m for an r x r
// filter: shaders/winograd_inverse.comp.
func (e *Executor) winoInverse(m, out *op.Tensor, r int, c shaders.WinogradInverse) error {
	spec := gpu.PipelineSpec{Shader: winoShader("winograd_inverse", r), Constants: c}
	spec = e.texelReads(spec, []*op.Tensor{m}, gpu.TexelRGBA32F)
	return e.dispatch(spec, elementGroups(c.N), []*op.Tensor{m}, []*op.Tensor{out})
}
