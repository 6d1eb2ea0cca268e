package vkexec

import (
	"dcganvk/gpu"
	"dcganvk/nn/op"
)

func init() {
	register(biasAdd)
	register(biasGrad)
}

// biasAdd records shaders/bias_add.comp, one invocation per four elements.
func biasAdd(e *Executor, o *op.BiasAdd) error {
	spec := gpu.KernelSpec{Shader: "bias_add", Constants: []uint32{uint32(o.Rows * o.C), uint32(o.C)}}
	return e.dispatch(spec, quadGroups(o.Rows*o.C), []*op.Tensor{o.B}, o.Writes())
}

// biasGrad records shaders/bias_grad.comp, a column reduction (see columnLayout).
func biasGrad(e *Executor, o *op.BiasGrad) error {
	return e.columnDispatch("bias_grad", o.Rows, o.C, []uint32{flag(o.Accumulate)}, []*op.Tensor{o.DY}, o.Writes())
}
