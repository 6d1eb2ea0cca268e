package vkexec

import (
	"math"

	"dcganvk/gpu"
	"dcganvk/nn/op"
)

func init() { register(bceLogits) }

// bceLogits records shaders/bce_logits.comp: a single workgroup, so that the
// loss is one fixed-order reduction.
func bceLogits(e *Executor, o *op.BCELogits) error {
	spec := gpu.KernelSpec{Shader: "bce_logits", Constants: []uint32{uint32(o.N), math.Float32bits(o.Target)}}
	return e.dispatch(spec, [3]uint32{1, 1, 1}, o.Reads(), o.Writes())
}
