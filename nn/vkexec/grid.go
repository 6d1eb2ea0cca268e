package vkexec

import (
	"dcganvk/gpu"
	"dcganvk/nn/op"
	"dcganvk/shaders"
)

// gridPixels records shaders/grid_pixels.comp, 16x16 screen pixels a workgroup.
func (e *Executor) gridPixels(o *op.GridPixels) error {
	w, h := o.Width(), o.Height()
	spec := gpu.PipelineSpec{Shader: "grid_pixels", Constants: shaders.GridPixels{
		N: o.N, Size: o.Size, Cols: o.Cols, Scale: o.Scale, Gap: o.Gap, Width: w, Height: h,
		Background: int(o.Background), Channels: o.Channels, Bgra: boolInt(o.BGRA)}}
	return e.dispatch(spec, [3]uint32{groups(w, 16), groups(h, 16), 1}, o.Reads(), o.Writes())
}

// boolInt is a boolean specialization constant's value.
func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
