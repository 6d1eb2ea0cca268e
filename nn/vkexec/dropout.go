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
	spec := gpu.KernelSpec{Shader: o.Kernel(), Constants: shaders.Dropout{
		N: o.N, Stream: int(o.Stream), Threshold: int(op.DropThreshold(o.Rate)), Scale: op.DropScale(o.Rate)}}
	return e.dispatch(spec, quadGroups(o.N), o.Reads(), o.Writes())
}
