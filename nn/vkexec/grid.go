package vkexec

import (
	"dcganvk/gpu"
	"dcganvk/nn/op"
)

func init() { register(gridPixels) }

// gridPixels records shaders/grid_pixels.comp, 16x16 screen pixels a workgroup.
func gridPixels(e *Executor, o *op.GridPixels) error {
	w, h := o.Width(), o.Height()
	spec := gpu.KernelSpec{Shader: "grid_pixels", Constants: []uint32{
		uint32(o.N), uint32(o.Size), uint32(o.Cols), uint32(o.Scale), uint32(o.Gap), uint32(w), uint32(h)}}
	return e.dispatch(spec, [3]uint32{groups(w, 16), groups(h, 16), 1}, o.Reads(), o.Writes())
}
