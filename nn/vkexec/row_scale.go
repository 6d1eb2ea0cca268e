package vkexec

import (
	"dcganvk/gpu"
	"dcganvk/nn/op"
	"dcganvk/shaders"
)

// rowScale records shaders/row_scale.comp, one invocation per four elements.
func (e *Executor) rowScale(o *op.RowScale) error {
	spec := gpu.PipelineSpec{Shader: "row_scale", Constants: shaders.RowScale{N: o.Rows * o.C, C: o.C}}
	return e.dispatch(spec, quadGroups(o.Rows*o.C), []*op.Tensor{o.S}, o.Writes())
}
