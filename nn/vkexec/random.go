package vkexec

import (
	"dcganvk/gpu"
	"dcganvk/nn/op"
)

func init() { register(randomFill) }

// randomFill records shaders/random_uniform.comp or random_normal.comp: one
// invocation, and one Philox block, per element.
func randomFill(e *Executor, o *op.RandomFill) error {
	spec := gpu.KernelSpec{Shader: o.Kernel(), Constants: []uint32{uint32(o.N), o.Stream}}
	return e.dispatch(spec, elementGroups(o.N), o.Reads(), o.Writes())
}
