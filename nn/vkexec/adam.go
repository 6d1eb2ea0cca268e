package vkexec

import (
	"math"

	"dcganvk/gpu"
	"dcganvk/nn/op"
)

func init() { register(adam) }

// adam records shaders/adam.comp, one invocation per parameter. W, M and V
// are updated in place, so they bind among the writes only.
func adam(e *Executor, o *op.Adam) error {
	spec := gpu.KernelSpec{Shader: "adam", Constants: []uint32{uint32(o.N), uint32(o.LRSlot),
		math.Float32bits(o.Beta1), math.Float32bits(o.Beta2), math.Float32bits(o.Eps)}}
	return e.dispatch(spec, elementGroups(o.N), []*op.Tensor{o.Params, o.G}, o.Writes())
}
