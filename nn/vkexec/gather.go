package vkexec

import (
	"dcganvk/gpu"
	"dcganvk/nn/op"
)

func init() { register(gatherImages) }

// gatherImages records shaders/gather_images.comp, one invocation per pixel
// of the batch.
func gatherImages(e *Executor, o *op.GatherImages) error {
	n := o.Batch * o.Pixels
	spec := gpu.KernelSpec{Shader: "gather_images", Constants: []uint32{uint32(n), uint32(o.Count), uint32(o.Pixels)}}
	return e.dispatch(spec, elementGroups(n), o.Reads(), o.Writes())
}
