package vkexec

import (
	"math"

	"dcganvk/gpu"
	"dcganvk/nn/op"
)

func init() { register(dropout) }

// dropout records shaders/dropout_fwd.comp or dropout_bwd.comp: one
// invocation per four elements, recomputing their keep bits from one block
// of the stream.
func dropout(e *Executor, o *op.Dropout) error {
	spec := gpu.KernelSpec{Shader: o.Kernel(), Constants: []uint32{
		uint32(o.N), o.Stream, op.DropThreshold(o.Rate), math.Float32bits(op.DropScale(o.Rate))}}
	return e.dispatch(spec, quadGroups(o.N), o.Reads(), o.Writes())
}
