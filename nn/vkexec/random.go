package vkexec

import (
	"dcganvk/gpu"
	"dcganvk/nn/op"
	"dcganvk/shaders"
)

// randomFill records shaders/random_uniform.comp or random_normal.comp: one
// invocation, and one Philox block, per element.
func (e *Executor) randomFill(o *op.RandomFill) error {
	spec := gpu.PipelineSpec{Shader: "random_uniform", Constants: shaders.RandomUniform{N: o.N, Stream: int(o.Stream)}}
	if o.Normal {
		spec = gpu.PipelineSpec{Shader: "random_normal", Constants: shaders.RandomNormal{N: o.N, Stream: int(o.Stream)}}
	}
	return e.dispatch(spec, elementGroups(o.N), o.Reads(), o.Writes())
}
