package vkexec

import (
	"dcganvk/gpu"
	"dcganvk/nn/op"
	"dcganvk/shaders"
)

// convBlocks are the register blocks of the conv shaders: images and
// channels per invocation of conv2d_fwd and of conv2d_bwd_input, and filter
// elements and vec4s of output channels per invocation of
// conv2d_bwd_filter.
type convBlocks struct {
	fwdImages, fwdChannels int
	bwdImages, bwdChannels int
	filterElems, filterVec int
}

// cpuBlocks were chosen on lavapipe at the DCGAN's shapes at batch 256
// (docs/perf-notes.md). They hold hundreds of floats an invocation, which
// a CPU keeps in its caches.
var cpuBlocks = convBlocks{fwdImages: 4, fwdChannels: 32, bwdImages: 4, bwdChannels: 64, filterElems: 64, filterVec: 2}

// gpuBlocks keep an invocation's accumulators to 16 to 64 floats, well
// within a GPU thread's registers (255 on NVIDIA). No GPU has measured them
// yet.
var gpuBlocks = convBlocks{fwdImages: 2, fwdChannels: 8, bwdImages: 2, bwdChannels: 8, filterElems: 8, filterVec: 1}

// blocks are the register blocks for the executor's device.
func (e *Executor) blocks() convBlocks {
	if e.dev.Info.Type == gpu.CPU {
		return cpuBlocks
	}
	return gpuBlocks
}

// convLocal is the largest workgroup of conv2d_fwd, conv2d_bwd_input and
// conv2d_bwd_filter.
const convLocal = 64

// shareSubgroup is the subgroup size the conv shaders share loads over: the
// device's on a CPU device (lavapipe), whose subgroups are its fixed SIMD
// width and where a load costs as much in every invocation; 1, sharing
// nothing, on a GPU, whose caches do that job and whose subgroup size a
// shader may not see fixed.
func (e *Executor) shareSubgroup() int {
	sg := int(e.dev.Info.SubgroupSize)
	if e.dev.Info.Type != gpu.CPU || sg < 1 || convLocal%sg != 0 {
		return 1
	}
	return sg
}

// imageGroups is the workgroup size of conv2d_fwd and conv2d_bwd_input,
// which give each invocation pb images at one position, and how many
// workgroups cover the batch (past 65535 the shaders loop): up to convLocal
// invocations, whole subgroups where loads are shared.
func (e *Executor) imageGroups(s op.ConvShape, pb int) (local int, count uint32) {
	sg := e.shareSubgroup()
	local = min(convLocal, ((s.N+pb-1)/pb+sg-1)/sg*sg)
	return local, min(groups(s.N, local*pb), 65535)
}

// convFwd records shaders/conv2d_fwd.comp, y = conv(x, w) for S; the grid
// is (output positions, output channel blocks, image blocks).
func (e *Executor) convFwd(s op.ConvShape, x, w, y *op.Tensor) error {
	if e.winograd(s) {
		return e.winoCorrelate(s, x, w, y, false)
	}
	if e.im2col(s) {
		return e.im2colForward(s, x, w, y)
	}
	if e.variants.TiledConv {
		return e.convGemmForward(s, x, w, y)
	}
	b := e.blocks()
	cb := min(b.fwdChannels, s.Cout)
	local, images := e.imageGroups(s, b.fwdImages)
	spec := gpu.PipelineSpec{Shader: "conv2d_fwd", Constants: shaders.Conv2dFwd{
		N: s.N, H: s.H, W: s.W, Cin: s.Cin, Cout: s.Cout, K: s.K, S: s.Stride, PadT: s.PadTop(), PadL: s.PadLeft(),
		Sg: e.shareSubgroup(), Pb: b.fwdImages, Cb: cb, LocalSizeX: local}}
	spec = e.texelReads(spec, []*op.Tensor{x, w}, vec4Texels(s.Cin), vec4Texels(s.Cout, cb))
	return e.dispatch(spec, [3]uint32{min(uint32(s.OutH()*s.OutW()), 65535), groups(s.Cout, cb), images},
		[]*op.Tensor{x, w}, []*op.Tensor{y})
}

// convBwdInput records shaders/conv2d_bwd_input.comp, dx = Sᵀ dy; the grid
// is (input positions, input channel blocks, image blocks).
func (e *Executor) convBwdInput(s op.ConvShape, dy, w, dx *op.Tensor) error {
	if e.winograd(s) {
		return e.winoCorrelate(s, dy, w, dx, true)
	}
	if e.im2col(s) {
		return e.col2imInput(s, dy, w, dx)
	}
	if e.variants.TiledConv {
		return e.convGemmInput(s, dy, w, dx)
	}
	b := e.blocks()
	cb := min(b.bwdChannels, s.Cin)
	local, images := e.imageGroups(s, b.bwdImages)
	spec := gpu.PipelineSpec{Shader: "conv2d_bwd_input", Constants: shaders.Conv2dBwdInput{
		N: s.N, H: s.H, W: s.W, Cin: s.Cin, Cout: s.Cout, K: s.K, S: s.Stride, PadT: s.PadTop(), PadL: s.PadLeft(),
		Sg: e.shareSubgroup(), Pb: b.bwdImages, Cb: cb, LocalSizeX: local}}
	spec = e.texelReads(spec, []*op.Tensor{dy, w}, vec4Texels(s.Cout), vec4Texels(s.Cout))
	return e.dispatch(spec, [3]uint32{min(uint32(s.H*s.W), 65535), groups(s.Cin, cb), images},
		[]*op.Tensor{dy, w}, []*op.Tensor{dx})
}

// loopLimit is how many loop iterations one invocation may take in all:
// lavapipe silently ends a loop past 65535, so kernels stay below this.
const loopLimit = 60000

// convBwdFilter records shaders/conv2d_bwd_filter.comp, the filter gradient
// of S (plus the old dw when accumulate). An invocation owns kb taps of one
// filter row x cib input channels x 4·co output channels; a workgroup's
// invocations differ only in their output channels, so the grid is (output
// channel groups, input channel blocks, tap blocks). On a CPU device
// (lavapipe), a batch whose images take more loop iterations than
// loopLimit goes in several dispatches, each adding its images' sums to
// the last's; a GPU has no such limit and takes the batch in one.
func (e *Executor) convBwdFilter(s op.ConvShape, x, dy, dw *op.Tensor, accumulate bool) error {
	if e.winogradFilter(s) {
		return e.winoFilterGrad(s, x, dy, dw, accumulate)
	}
	if e.variants.SplitFilter {
		return e.convSplitFilter(s, x, dy, dw, accumulate)
	}
	b := e.blocks()
	cib := min(b.filterElems, s.Cin)
	kb := min(s.K, max(1, b.filterElems/cib))
	sg := e.shareSubgroup()
	co := min(b.filterVec, (s.Cout+3)/4)
	lanes := (s.Cout + 4*co - 1) / (4 * co)
	local := min(convLocal, (lanes+sg-1)/sg*sg)
	tapBlocks := s.K * ((s.K + kb - 1) / kb)
	// An image takes at most (OH+1)·(OW+2) loop iterations (a loop counts
	// its exit test too).
	chunk := s.N
	if e.dev.Info.Type == gpu.CPU {
		chunk = max(1, loopLimit/((s.OutH()+1)*(s.OutW()+2)))
	}
	for n0 := 0; n0 < s.N; n0 += chunk {
		spec := gpu.PipelineSpec{Shader: "conv2d_bwd_filter", Constants: shaders.Conv2dBwdFilter{
			N: s.N, H: s.H, W: s.W, Cin: s.Cin, Cout: s.Cout, K: s.K, S: s.Stride, PadT: s.PadTop(), PadL: s.PadLeft(),
			Sg: sg, Kb: kb, Cib: cib, LocalSizeX: local, Accumulate: accumulate || n0 > 0, Co: co,
			NBegin: n0, NEnd: min(n0+chunk, s.N)}}
		spec = e.texelReads(spec, []*op.Tensor{x, dy}, vec4Texels(s.Cin, cib), vec4Texels(s.Cout))
		if err := e.dispatch(spec, [3]uint32{groups(lanes, local), groups(s.Cin, cib), uint32(tapBlocks)},
			[]*op.Tensor{x, dy}, []*op.Tensor{dw}); err != nil {
			return err
		}
	}
	return nil
}
