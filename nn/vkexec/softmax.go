package vkexec

import (
	"dcganvk/gpu"
	"dcganvk/nn/op"
	"dcganvk/shaders"
)

// softmaxXent records shaders/softmax_xent.comp: a single workgroup, so that
// the loss is one fixed-order reduction.
func (e *Executor) softmaxXent(o *op.SoftmaxXent) error {
	spec := gpu.PipelineSpec{Shader: "softmax_xent", Constants: shaders.SoftmaxXent{N: o.N, C: o.C}}
	return e.dispatch(spec, [3]uint32{1, 1, 1}, o.Reads(), o.Writes())
}
