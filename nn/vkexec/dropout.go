package vkexec

import (
	"dcganvk/gpu"
	"dcganvk/nn/op"
	"dcganvk/shaders"
)

// dropout records shaders/dropout.comp, compiled as dropout_fwd and
// dropout_bwd: one invocation per four elements, recomputing their keep
// bits from one block of the stream.
func (e *Executor) dropout(o *op.Dropout) error {
	spec := gpu.PipelineSpec{Shader: o.Kernel(), Constants: shaders.Dropout{
		N: o.N, Stream: int(o.Stream), Threshold: int(op.DropThreshold(o.Rate)), Scale: op.DropScale(o.Rate)}}
	return e.dispatch(spec, quadGroups(o.N), o.Reads(), o.Writes())
}

// biasLeakyDropout records shaders/bias_leaky_dropout.comp, a conv layer's
// bias, LeakyReLU and dropout in one pass, one invocation per four elements.
func (e *Executor) biasLeakyDropout(o *op.BiasLeakyDropout) error {
	n := o.Rows * o.C
	second, from := streamParts(o.Streams, n)
	spec := gpu.PipelineSpec{Shader: "bias_leaky_dropout", Constants: shaders.BiasLeakyDropout{
		N: n, Stream: int(o.Streams[0]), C: o.C, Slope: o.Slope,
		Threshold: int(op.DropThreshold(o.Rate)), Scale: op.DropScale(o.Rate), SecondStream: second, SecondFrom: from}}
	return e.dispatch(spec, quadGroups(n), o.Reads(), o.Writes())
}

// dropoutLeakyBwd records shaders/dropout_leaky_bwd.comp, the gradient
// through bias_leaky_dropout's dropout and LeakyReLU, one invocation per
// four elements.
func (e *Executor) dropoutLeakyBwd(o *op.DropoutLeakyBwd) error {
	second, from := streamParts(o.Streams, o.N)
	spec := gpu.PipelineSpec{Shader: "dropout_leaky_bwd", Constants: shaders.DropoutLeakyBwd{
		N: o.N, Stream: int(o.Streams[0]), Slope: o.Slope,
		Threshold: int(op.DropThreshold(o.Rate)), Scale: op.DropScale(o.Rate), SecondStream: second, SecondFrom: from}}
	return e.dispatch(spec, quadGroups(o.N), o.Reads(), o.Writes())
}

// streamParts is the second stream of n elements in two equal parts, and
// where it starts; with one part, the first stream from n on (no element).
func streamParts(streams []uint32, n int) (second, from int) {
	if len(streams) == 2 {
		return int(streams[1]), n / 2
	}
	return int(streams[0]), n
}
