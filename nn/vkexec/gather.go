package vkexec

import (
	"dcganvk/gpu"
	"dcganvk/nn/op"
	"dcganvk/shaders"
)

// gatherImages records shaders/gather_images.comp, one invocation per pixel
// of the batch.
func (e *Executor) gatherImages(o *op.GatherImages) error {
	n := o.Batch * o.Pixels
	spec := gpu.PipelineSpec{Shader: "gather_images", Constants: shaders.GatherImages{N: n, Count: o.Count, Pixels: o.Pixels}}
	return e.dispatch(spec, elementGroups(n), o.Reads(), o.Writes())
}
