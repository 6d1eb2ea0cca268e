package gpu

import (
	"fmt"
	"unsafe"

	vk "github.com/vulkan-go/vulkan"

	"dcganvk/shaders"
)

// PipelineSpec says which compiled shader to run (a name of the variant
// table, tools/shadergen/variants.go) with which specialization constants:
// the generated struct of its source, which also says how many buffers it
// binds (inputs first, outputs last). Texels gives the bindings read as
// uniform texel buffers (GLSL samplerBuffer) their format; bindings past
// its end, and NoTexel ones, are storage buffers.
type PipelineSpec struct {
	Shader    string
	Constants shaders.Constants
	Texels    []TexelFormat
}

func (s PipelineSpec) key() string {
	return fmt.Sprintf("%s/%T%v/%v", s.Shader, s.Constants, s.Constants, s.Texels)
}

// texel is the texel format of binding i, NoTexel for a storage buffer.
func (s PipelineSpec) texel(i int) TexelFormat {
	if i < len(s.Texels) {
		return s.Texels[i]
	}
	return NoTexel
}

// Pipeline is a compute pipeline built from one embedded shader, with its
// descriptor set layout and pipeline layout.
type Pipeline struct {
	Spec      PipelineSpec
	setLayout vk.DescriptorSetLayout
	layout    vk.PipelineLayout
	pipeline  vk.Pipeline
}

// Pipeline returns the pipeline for spec, building it on first use.
func (c *Device) Pipeline(spec PipelineSpec) (*Pipeline, error) {
	if k, ok := c.pipelines[spec.key()]; ok {
		return k, nil
	}
	if err := shaders.CheckConstants(spec.Shader, spec.Constants); err != nil {
		return nil, err
	}
	module, err := c.shaderModule(spec.Shader)
	if err != nil {
		return nil, err
	}
	k := &Pipeline{Spec: spec}
	var flags vk.PipelineCreateFlags
	if c.stats != nil {
		flags = captureStatistics
	}
	if err := k.build(c.device, module, flags); err != nil {
		k.destroy(c.device)
		return nil, fmt.Errorf("building kernel %s: %w", spec.Shader, err)
	}
	c.pipelines[spec.key()] = k
	return k, nil
}

func (c *Device) shaderModule(name string) (vk.ShaderModule, error) {
	if m, ok := c.modules[name]; ok {
		return m, nil
	}
	code, err := shaders.SPIRV(name)
	if err != nil {
		return vk.NullShaderModule, err
	}
	info := vk.ShaderModuleCreateInfo{
		SType:    vk.StructureTypeShaderModuleCreateInfo,
		CodeSize: uint(len(code) * 4),
		PCode:    code,
	}
	var m vk.ShaderModule
	var res vk.Result
	withoutGC(func() { res = vk.CreateShaderModule(c.device, &info, nil, &m) })
	if err := check("vkCreateShaderModule", res); err != nil {
		return vk.NullShaderModule, fmt.Errorf("shader %s: %w", name, err)
	}
	c.modules[name] = m
	return m, nil
}

// captureStatistics is VK_PIPELINE_CREATE_CAPTURE_STATISTICS_BIT_KHR.
const captureStatistics vk.PipelineCreateFlags = 0x40

func (k *Pipeline) build(vkDev vk.Device, module vk.ShaderModule, flags vk.PipelineCreateFlags) error {
	bindings := make([]vk.DescriptorSetLayoutBinding, k.Spec.Constants.Bindings())
	for i := range bindings {
		bindings[i] = vk.DescriptorSetLayoutBinding{
			Binding:         uint32(i),
			DescriptorType:  k.Spec.texel(i).descriptorType(),
			DescriptorCount: 1,
			StageFlags:      vk.ShaderStageFlags(vk.ShaderStageComputeBit),
		}
	}
	setInfo := vk.DescriptorSetLayoutCreateInfo{
		SType:        vk.StructureTypeDescriptorSetLayoutCreateInfo,
		BindingCount: uint32(len(bindings)),
		PBindings:    bindings,
	}
	var setLayout vk.DescriptorSetLayout
	var res vk.Result
	withoutGC(func() { res = vk.CreateDescriptorSetLayout(vkDev, &setInfo, nil, &setLayout) })
	if err := check("vkCreateDescriptorSetLayout", res); err != nil {
		return err
	}
	k.setLayout = setLayout
	layoutInfo := vk.PipelineLayoutCreateInfo{
		SType:          vk.StructureTypePipelineLayoutCreateInfo,
		SetLayoutCount: 1,
		PSetLayouts:    []vk.DescriptorSetLayout{k.setLayout},
	}
	var layout vk.PipelineLayout
	withoutGC(func() { res = vk.CreatePipelineLayout(vkDev, &layoutInfo, nil, &layout) })
	if err := check("vkCreatePipelineLayout", res); err != nil {
		return err
	}
	k.layout = layout
	stage := vk.PipelineShaderStageCreateInfo{
		SType:  vk.StructureTypePipelineShaderStageCreateInfo,
		Stage:  vk.ShaderStageComputeBit,
		Module: module,
		PName:  "main\x00",
	}
	values := k.Spec.Constants.Values()
	if n := len(values); n > 0 {
		entries := make([]vk.SpecializationMapEntry, n)
		data := make([]uint32, n)
		for i, v := range values {
			entries[i] = vk.SpecializationMapEntry{ConstantID: v.ID, Offset: uint32(4 * i), Size: 4}
			data[i] = v.Bits
		}
		stage.PSpecializationInfo = []vk.SpecializationInfo{{
			MapEntryCount: uint32(n),
			PMapEntries:   entries,
			DataSize:      uint(4 * n),
			PData:         unsafe.Pointer(&data[0]),
		}}
	}
	info := vk.ComputePipelineCreateInfo{
		SType:  vk.StructureTypeComputePipelineCreateInfo,
		Flags:  flags,
		Stage:  stage,
		Layout: k.layout,
	}
	pipelines := make([]vk.Pipeline, 1)
	withoutGC(func() {
		res = vk.CreateComputePipelines(vkDev, vk.NullPipelineCache, 1, []vk.ComputePipelineCreateInfo{info}, nil, pipelines)
	})
	if err := check("vkCreateComputePipelines", res); err != nil {
		return err
	}
	k.pipeline = pipelines[0]
	return nil
}

func (k *Pipeline) destroy(vkDev vk.Device) {
	if k.pipeline != vk.NullPipeline {
		vk.DestroyPipeline(vkDev, k.pipeline, nil)
	}
	if k.layout != vk.NullPipelineLayout {
		vk.DestroyPipelineLayout(vkDev, k.layout, nil)
	}
	if k.setLayout != vk.NullDescriptorSetLayout {
		vk.DestroyDescriptorSetLayout(vkDev, k.setLayout, nil)
	}
}

// String names the kernel and its constants, for errors and timings.
func (k *Pipeline) String() string {
	return fmt.Sprintf("%s%+v", k.Spec.Shader, k.Spec.Constants)
}
