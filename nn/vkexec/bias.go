package vkexec

import (
	"dcganvk/gpu"
	"dcganvk/nn/op"
	"dcganvk/shaders"
)

// biasAdd records shaders/bias_add.comp, one invocation per four elements.
func (e *Executor) biasAdd(o *op.BiasAdd) error {
	spec := gpu.PipelineSpec{Shader: "bias_add", Constants: shaders.BiasAdd{N: o.Rows * o.C, C: o.C}}
	return e.dispatch(spec, quadGroups(o.Rows*o.C), []*op.Tensor{o.B}, o.Writes())
}

// biasGrad records shaders/bias_grad.comp, a column reduction (see columnPlan).
func (e *Executor) biasGrad(o *op.BiasGrad) error {
	r := e.columnPlan(o.Rows, o.C)
	dy, err := e.columnInput(r, partsSum, o.Rows, o.C, o.DY, o.DY, o.DY)
	if err != nil {
		return err
	}
	spec := gpu.PipelineSpec{Shader: "bias_grad", Constants: shaders.BiasGrad{
		LocalSizeX: r.tx, LocalSizeY: r.ty, Rows: o.Rows, C: o.C, Parts: r.parts, PartRows: r.partRows,
		Accumulate: o.Accumulate}}
	return e.dispatch(spec, columnGroups(o.C, r.tx), []*op.Tensor{dy}, o.Writes())
}
