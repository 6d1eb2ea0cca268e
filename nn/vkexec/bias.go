package vkexec

import (
	"dcganvk/gpu"
	"dcganvk/nn/op"
	"dcganvk/shaders"
)

// biasAdd records shaders/bias_add.comp, one invocation per four elements.
func (e *Executor) biasAdd(o *op.BiasAdd) error {
	spec := gpu.KernelSpec{Shader: "bias_add", Constants: shaders.BiasAdd{N: o.Rows * o.C, C: o.C}}
	return e.dispatch(spec, quadGroups(o.Rows*o.C), []*op.Tensor{o.B}, o.Writes())
}

// biasGrad records shaders/bias_grad.comp, a column reduction (see columnLayout).
func (e *Executor) biasGrad(o *op.BiasGrad) error {
	tx, ty := columnLayout(e.ctx.Info.Type, o.Rows, o.C)
	spec := gpu.KernelSpec{Shader: "bias_grad", Constants: shaders.BiasGrad{
		LocalSizeX: tx, LocalSizeY: ty, Rows: o.Rows, C: o.C, Accumulate: o.Accumulate}}
	return e.dispatch(spec, columnGroups(o.C, tx), []*op.Tensor{o.DY}, o.Writes())
}
