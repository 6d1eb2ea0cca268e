package vkexec

import (
	"dcganvk/gpu"
	"dcganvk/nn/op"
)

// texelReads turns spec into its shader's _texel variant, which binds the
// first len(formats) reads as uniform texel buffers in those formats
// (shaders/reads.glsl), where the device can bind every one of them so and
// the texel variants are not switched off; otherwise spec stays as it is,
// reading storage buffers.
func (e *Executor) texelReads(spec gpu.PipelineSpec, reads []*op.Tensor, formats ...gpu.TexelFormat) gpu.PipelineSpec {
	if !e.variants.TexelReads {
		return spec
	}
	for i, f := range formats {
		if !e.dev.TexelsFit(f, uint64(4*reads[i].Len())) {
			return spec
		}
	}
	spec.Shader += "_texel"
	spec.Texels = formats
	return spec
}

// vec4Texels is the texel format of a tensor that a shader reads four
// floats at a time when all of the sizes are multiples of 4 (a row's length
// and the block read from it), one float at a time otherwise.
func vec4Texels(sizes ...int) gpu.TexelFormat {
	for _, n := range sizes {
		if n%4 != 0 {
			return gpu.TexelR32F
		}
	}
	return gpu.TexelRGBA32F
}
