package vkexec

import (
	"dcganvk/gpu"
	"dcganvk/nn/op"
	"dcganvk/shaders"
)

// adam records shaders/adam.comp, one invocation per four parameters. W, M and V
// are updated in place, so they bind among the writes only.
func (e *Executor) adam(o *op.Adam) error {
	spec := gpu.PipelineSpec{Shader: "adam", Constants: shaders.Adam{
		N: o.N, LrSlot: o.LRSlot, Beta1: o.Beta1, Beta2: o.Beta2, Eps: o.Eps}}
	return e.dispatch(spec, quadGroups(o.N), []*op.Tensor{o.Params, o.G}, o.Writes())
}
