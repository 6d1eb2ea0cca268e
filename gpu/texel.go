package gpu

import (
	"fmt"

	vk "github.com/vulkan-go/vulkan"
)

// TexelFormat is the format a kernel reads a buffer binding in when it binds
// it as a uniform texel buffer (GLSL samplerBuffer and texelFetch). On
// lavapipe a texel fetch is a vector gather, where a storage buffer load is
// a loop over the SIMD lanes.
type TexelFormat int

const (
	// NoTexel binds a storage buffer.
	NoTexel TexelFormat = iota
	// TexelR32F reads one float per texel.
	TexelR32F
	// TexelRGBA32F reads four floats (a vec4) per texel.
	TexelRGBA32F
)

// String names the format, as kernel keys and errors print it.
func (f TexelFormat) String() string {
	return [...]string{"ssbo", "r32f", "rgba32f"}[f]
}

func (f TexelFormat) descriptorType() vk.DescriptorType {
	if f == NoTexel {
		return vk.DescriptorTypeStorageBuffer
	}
	return vk.DescriptorTypeUniformTexelBuffer
}

func (f TexelFormat) vkFormat() vk.Format {
	if f == TexelRGBA32F {
		return vk.FormatR32g32b32a32Sfloat
	}
	return vk.FormatR32Sfloat
}

// texelBytes is the size of one texel.
func (f TexelFormat) texelBytes() uint64 {
	if f == TexelRGBA32F {
		return 16
	}
	return 4
}

// TexelsFit tells whether a buffer of the given size can be bound in format
// f: within the device's maxTexelBufferElements and a whole number of texels.
// Under GPU-assisted validation nothing fits, so every read goes through a
// storage buffer: the layer sizes an RGBA32F view in texels but its reads
// in floats, and so reports in-bounds reads out of bounds and zeroes them
// (docs/perf-notes.md, "GPU-assisted validation over the kernels").
func (c *Device) TexelsFit(f TexelFormat, bytes uint64) bool {
	if c.validate && gpuAssisted() {
		return false
	}
	return bytes%f.texelBytes() == 0 && bytes/f.texelBytes() <= uint64(c.Info.MaxTexelElements)
}

// texelView makes a buffer view of b in format f; the recording owns it.
func (r *Recording) texelView(b *Buffer, f TexelFormat) (vk.BufferView, error) {
	if !r.dev.TexelsFit(f, b.size) {
		return vk.NullBufferView, fmt.Errorf("a %d-byte buffer does not fit a %s texel buffer (device limit %d texels)",
			b.size, f, r.dev.Info.MaxTexelElements)
	}
	info := vk.BufferViewCreateInfo{
		SType:  vk.StructureTypeBufferViewCreateInfo,
		Buffer: b.block.buffer,
		Format: f.vkFormat(),
		Offset: vk.DeviceSize(b.offset),
		Range:  vk.DeviceSize(b.size),
	}
	var view vk.BufferView
	if err := check("vkCreateBufferView", vk.CreateBufferView(r.dev.device, &info, nil, &view)); err != nil {
		return vk.NullBufferView, err
	}
	r.views = append(r.views, view)
	return view, nil
}
