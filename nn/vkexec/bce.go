package vkexec

import (
	"dcganvk/gpu"
	"dcganvk/nn/op"
	"dcganvk/shaders"
)

// bceLogits records shaders/bce_logits.comp: a single workgroup, so that the
// loss is one fixed-order reduction.
func (e *Executor) bceLogits(o *op.BCELogits) error {
	spec := gpu.PipelineSpec{Shader: "bce_logits", Constants: shaders.BceLogits{N: o.N, Target: o.Target, Offset: o.Offset}}
	return e.dispatch(spec, [3]uint32{1, 1, 1}, o.Reads(), o.Writes())
}
