package gpu

/*
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

// The Vulkan 1.1+ structures behind Features, declared here so the build
// needs no Vulkan headers. Layouts and sType values follow vulkan_core.h.
typedef struct {
	int32_t sType;
	void *pNext;
} dcganvk_chain;

typedef struct { // VkPhysicalDeviceShaderFloat16Int8Features
	int32_t sType;
	void *pNext;
	uint32_t shaderFloat16, shaderInt8;
} dcganvk_float16_int8;

typedef struct { // VkPhysicalDevice16BitStorageFeatures
	int32_t sType;
	void *pNext;
	uint32_t storageBuffer, uniformAndStorageBuffer, pushConstant, inputOutput;
} dcganvk_storage16;

typedef struct { // VkPhysicalDevice8BitStorageFeatures
	int32_t sType;
	void *pNext;
	uint32_t storageBuffer, uniformAndStorageBuffer, pushConstant;
} dcganvk_storage8;

typedef struct { // VkPhysicalDeviceSubgroupSizeControlFeatures
	int32_t sType;
	void *pNext;
	uint32_t subgroupSizeControl, computeFullSubgroups;
} dcganvk_subgroup_control;

typedef struct { // VkPhysicalDeviceSubgroupSizeControlProperties
	int32_t sType;
	void *pNext;
	uint32_t minSubgroupSize, maxSubgroupSize, maxComputeWorkgroupSubgroups, requiredSubgroupSizeStages;
} dcganvk_subgroup_control_props;

typedef struct { // VkPhysicalDeviceCooperativeMatrixFeaturesKHR
	int32_t sType;
	void *pNext;
	uint32_t cooperativeMatrix, robustBufferAccess;
} dcganvk_coop_features;

typedef struct { // VkCooperativeMatrixPropertiesKHR
	int32_t sType;
	void *pNext;
	uint32_t m, n, k;
	int32_t a, b, c, result;
	uint32_t saturatingAccumulation;
	int32_t scope;
} dcganvk_coop_shape;

// VkPhysicalDeviceFeatures2: sType, pNext, then VkPhysicalDeviceFeatures
// (55 VkBool32s); 64 leave room to spare.
typedef struct {
	int32_t sType;
	void *pNext;
	uint32_t features[64];
} dcganvk_features2;

// VkPhysicalDeviceProperties2, as in subgroup.go.
typedef struct {
	int32_t sType;
	void *pNext;
	uint64_t properties[128];
} dcganvk_props2_caps;

enum { DCGANVK_MAX_COOP_SHAPES = 64 };

// What dcganvk_query fills in.
typedef struct {
	dcganvk_float16_int8 f16i8;
	dcganvk_storage16 s16;
	dcganvk_storage8 s8;
	dcganvk_subgroup_control sub;
	dcganvk_subgroup_control_props subProps;
	dcganvk_coop_features coop;
	uint32_t coopCount;
	dcganvk_coop_shape coopShapes[DCGANVK_MAX_COOP_SHAPES];
} dcganvk_caps;

// Which structures to chain: only those the device supports, so a query
// never names functionality the device lacks.
enum {
	DCGANVK_WANT_F16I8 = 1,
	DCGANVK_WANT_S16 = 2,
	DCGANVK_WANT_S8 = 4,
	DCGANVK_WANT_SUBGROUP_CONTROL = 8,
	DCGANVK_WANT_COOP = 16,
};

typedef void *(*dcganvk_gipa)(void *instance, const char *name);
typedef void (*dcganvk_get_features2)(void *physical_device, dcganvk_features2 *features);
typedef void (*dcganvk_get_props2_caps)(void *physical_device, dcganvk_props2_caps *props);
typedef int32_t (*dcganvk_get_coop)(void *physical_device, uint32_t *count, dcganvk_coop_shape *shapes);

// dcganvk_query reads the features (and subgroup-size-control properties,
// and cooperative matrix shapes) that want names; it returns 0, or -1 when
// the loader lacks vkGetPhysicalDeviceFeatures2.
static int dcganvk_query(void *gipa, void *instance, void *pd, uint32_t want, dcganvk_caps *caps) {
	dcganvk_gipa get = (dcganvk_gipa)gipa;
	dcganvk_get_features2 features2 = (dcganvk_get_features2)get(instance, "vkGetPhysicalDeviceFeatures2");
	dcganvk_get_props2_caps props2 = (dcganvk_get_props2_caps)get(instance, "vkGetPhysicalDeviceProperties2");
	if (features2 == 0 || props2 == 0) {
		return -1;
	}
	memset(caps, 0, sizeof(*caps));
	dcganvk_features2 f2;
	memset(&f2, 0, sizeof(f2));
	f2.sType = 1000059000;
	dcganvk_chain *last = (dcganvk_chain *)&f2;
	if (want & DCGANVK_WANT_F16I8) {
		caps->f16i8.sType = 1000082000;
		last->pNext = &caps->f16i8;
		last = (dcganvk_chain *)&caps->f16i8;
	}
	if (want & DCGANVK_WANT_S16) {
		caps->s16.sType = 1000083000;
		last->pNext = &caps->s16;
		last = (dcganvk_chain *)&caps->s16;
	}
	if (want & DCGANVK_WANT_S8) {
		caps->s8.sType = 1000177000;
		last->pNext = &caps->s8;
		last = (dcganvk_chain *)&caps->s8;
	}
	if (want & DCGANVK_WANT_SUBGROUP_CONTROL) {
		caps->sub.sType = 1000225002;
		last->pNext = &caps->sub;
		last = (dcganvk_chain *)&caps->sub;
	}
	if (want & DCGANVK_WANT_COOP) {
		caps->coop.sType = 1000506000;
		last->pNext = &caps->coop;
		last = (dcganvk_chain *)&caps->coop;
	}
	features2(pd, &f2);
	if (want & DCGANVK_WANT_SUBGROUP_CONTROL) {
		dcganvk_props2_caps p2;
		memset(&p2, 0, sizeof(p2));
		p2.sType = 1000059001;
		caps->subProps.sType = 1000225000;
		p2.pNext = &caps->subProps;
		props2(pd, &p2);
	}
	if (want & DCGANVK_WANT_COOP) {
		dcganvk_get_coop coop = (dcganvk_get_coop)get(instance, "vkGetPhysicalDeviceCooperativeMatrixPropertiesKHR");
		if (coop != 0) {
			uint32_t count = 0;
			if (coop(pd, &count, 0) == 0) {
				if (count > DCGANVK_MAX_COOP_SHAPES) {
					count = DCGANVK_MAX_COOP_SHAPES;
				}
				for (uint32_t i = 0; i < count; i++) {
					caps->coopShapes[i].sType = 1000506001;
				}
				int32_t res = coop(pd, &count, caps->coopShapes);
				// VK_INCOMPLETE (5) still fills the first count shapes.
				if (res == 0 || res == 5) {
					caps->coopCount = count;
				}
			}
		}
	}
	return 0;
}
*/
import "C"

import (
	"fmt"
	"sort"
	"unsafe"

	vk "github.com/vulkan-go/vulkan"
)

// NextStepExtensions are the device extensions that GPU-shaped kernels may
// use next: cooperative matrices (tensor cores), 16-bit and 8-bit arithmetic
// and storage, and control over the subgroup size.
var NextStepExtensions = []string{
	"VK_NV_cooperative_matrix",
	"VK_KHR_cooperative_matrix",
	"VK_KHR_shader_float16_int8",
	"VK_KHR_16bit_storage",
	"VK_KHR_8bit_storage",
	"VK_EXT_subgroup_size_control",
}

// Limits are the device limits a kernel's layout depends on: shared memory,
// buffer sizes and the alignments of buffer offsets.
type Limits struct {
	MaxComputeSharedMemorySize          uint32 `json:"max_compute_shared_memory_size"`
	MaxTexelBufferElements              uint32 `json:"max_texel_buffer_elements"`
	MaxStorageBufferRange               uint32 `json:"max_storage_buffer_range"`
	MaxUniformBufferRange               uint32 `json:"max_uniform_buffer_range"`
	MaxPushConstantsSize                uint32 `json:"max_push_constants_size"`
	MaxBoundDescriptorSets              uint32 `json:"max_bound_descriptor_sets"`
	MaxPerStageDescriptorStorageBuffers uint32 `json:"max_per_stage_descriptor_storage_buffers"`
	MaxMemoryAllocationCount            uint32 `json:"max_memory_allocation_count"`
	MinStorageBufferOffsetAlignment     uint64 `json:"min_storage_buffer_offset_alignment"`
	MinUniformBufferOffsetAlignment     uint64 `json:"min_uniform_buffer_offset_alignment"`
	MinTexelBufferOffsetAlignment       uint64 `json:"min_texel_buffer_offset_alignment"`
	MinMemoryMapAlignment               uint64 `json:"min_memory_map_alignment"`
	NonCoherentAtomSize                 uint64 `json:"non_coherent_atom_size"`
	OptimalBufferCopyOffsetAlignment    uint64 `json:"optimal_buffer_copy_offset_alignment"`
	BufferImageGranularity              uint64 `json:"buffer_image_granularity"`
}

// MemoryType is one memory type of a device: its property flags (by name,
// and as Vulkan's bit mask) and the heap it draws from.
type MemoryType struct {
	Index         int      `json:"index"`
	Flags         []string `json:"flags"`
	PropertyFlags uint32   `json:"property_flags"`
	HeapIndex     uint32   `json:"heap_index"`
	HeapBytes     uint64   `json:"heap_bytes"`
}

// CoopMatrixShape is one cooperative matrix multiply-add a device offers
// (VK_KHR_cooperative_matrix): D[M×N] = A[M×K]·B[K×N] + C with the given
// component types, in the given scope.
type CoopMatrixShape struct {
	M      uint32 `json:"m"`
	N      uint32 `json:"n"`
	K      uint32 `json:"k"`
	A      string `json:"a"`
	B      string `json:"b"`
	C      string `json:"c"`
	Result string `json:"result"`
	// Saturating is VkCooperativeMatrixPropertiesKHR::saturatingAccumulation.
	Saturating bool   `json:"saturating"`
	Scope      string `json:"scope"`
}

// Features are the optional device features GPU-shaped kernels may use.
// Each is false when the device does not offer the extension (or core
// version) that defines it.
type Features struct {
	ShaderFloat16 bool `json:"shader_float16"`
	ShaderInt8    bool `json:"shader_int8"`
	// StorageBuffer16Bit is storageBuffer16BitAccess: float16 loads and stores in storage buffers.
	StorageBuffer16Bit           bool `json:"storage_buffer_16bit_access"`
	UniformAndStorageBuffer16Bit bool `json:"uniform_and_storage_buffer_16bit_access"`
	StorageBuffer8Bit            bool `json:"storage_buffer_8bit_access"`
	SubgroupSizeControl          bool `json:"subgroup_size_control"`
	ComputeFullSubgroups         bool `json:"compute_full_subgroups"`
	// MinSubgroupSize and MaxSubgroupSize bound the sizes a compute
	// pipeline may require (VK_EXT_subgroup_size_control); 0 when unknown.
	MinSubgroupSize              uint32 `json:"min_subgroup_size"`
	MaxSubgroupSize              uint32 `json:"max_subgroup_size"`
	MaxComputeWorkgroupSubgroups uint32 `json:"max_compute_workgroup_subgroups"`
	// RequiredSubgroupSizeCompute tells whether a compute shader may require a subgroup size.
	RequiredSubgroupSizeCompute bool              `json:"required_subgroup_size_compute"`
	CooperativeMatrix           bool              `json:"cooperative_matrix"`
	CooperativeMatrixShapes     []CoopMatrixShape `json:"cooperative_matrix_shapes"`
}

// memoryFlagNames names VkMemoryPropertyFlagBits in bit order.
var memoryFlagNames = []string{"device_local", "host_visible", "host_coherent", "host_cached",
	"lazily_allocated", "protected", "device_coherent_amd", "device_uncached_amd", "rdma_capable_nv"}

// memoryFlags names the bits of a memory type's property flags; an unknown
// bit is named by its value.
func memoryFlags(flags uint32) []string {
	names := []string{}
	for bit := 0; bit < 32; bit++ {
		if flags&(1<<bit) == 0 {
			continue
		}
		if bit < len(memoryFlagNames) {
			names = append(names, memoryFlagNames[bit])
		} else {
			names = append(names, fmt.Sprintf("0x%x", uint32(1)<<bit))
		}
	}
	return names
}

// componentType names a VkComponentTypeKHR.
func componentType(t C.int32_t) string {
	names := []string{"float16", "float32", "float64", "sint8", "sint16", "sint32", "sint64",
		"uint8", "uint16", "uint32", "uint64"}
	if t >= 0 && int(t) < len(names) {
		return names[t]
	}
	return fmt.Sprintf("type%d", int32(t))
}

// scopeName names a VkScopeKHR.
func scopeName(s C.int32_t) string {
	switch s {
	case 1:
		return "device"
	case 2:
		return "workgroup"
	case 3:
		return "subgroup"
	case 5:
		return "queue_family"
	}
	return fmt.Sprintf("scope%d", int32(s))
}

// readLimits copies the limits a kernel layout depends on.
func readLimits(l *vk.PhysicalDeviceLimits) Limits {
	return Limits{
		MaxComputeSharedMemorySize:          l.MaxComputeSharedMemorySize,
		MaxTexelBufferElements:              l.MaxTexelBufferElements,
		MaxStorageBufferRange:               l.MaxStorageBufferRange,
		MaxUniformBufferRange:               l.MaxUniformBufferRange,
		MaxPushConstantsSize:                l.MaxPushConstantsSize,
		MaxBoundDescriptorSets:              l.MaxBoundDescriptorSets,
		MaxPerStageDescriptorStorageBuffers: l.MaxPerStageDescriptorStorageBuffers,
		MaxMemoryAllocationCount:            l.MaxMemoryAllocationCount,
		MinStorageBufferOffsetAlignment:     uint64(l.MinStorageBufferOffsetAlignment),
		MinUniformBufferOffsetAlignment:     uint64(l.MinUniformBufferOffsetAlignment),
		MinTexelBufferOffsetAlignment:       uint64(l.MinTexelBufferOffsetAlignment),
		MinMemoryMapAlignment:               uint64(l.MinMemoryMapAlignment),
		NonCoherentAtomSize:                 uint64(l.NonCoherentAtomSize),
		OptimalBufferCopyOffsetAlignment:    uint64(l.OptimalBufferCopyOffsetAlignment),
		BufferImageGranularity:              uint64(l.BufferImageGranularity),
	}
}

// readMemoryTypes lists a device's memory types with their heaps' sizes.
func readMemoryTypes(mem *vk.PhysicalDeviceMemoryProperties) []MemoryType {
	types := []MemoryType{}
	for i := uint32(0); i < mem.MemoryTypeCount; i++ {
		t := &mem.MemoryTypes[i]
		t.Deref()
		flags := uint32(t.PropertyFlags)
		mt := MemoryType{Index: int(i), Flags: memoryFlags(flags), PropertyFlags: flags, HeapIndex: t.HeapIndex}
		if t.HeapIndex < mem.MemoryHeapCount {
			h := &mem.MemoryHeaps[t.HeapIndex]
			h.Deref()
			mt.HeapBytes = uint64(h.Size)
		}
		types = append(types, mt)
	}
	return types
}

// deviceExtensions lists the names of a physical device's extensions, sorted.
func deviceExtensions(pd vk.PhysicalDevice) ([]string, error) {
	var count uint32
	if err := check("vkEnumerateDeviceExtensionProperties", vk.EnumerateDeviceExtensionProperties(pd, "", &count, nil)); err != nil {
		return nil, err
	}
	props := make([]vk.ExtensionProperties, count)
	var res vk.Result
	withoutGC(func() { res = vk.EnumerateDeviceExtensionProperties(pd, "", &count, props) })
	if err := check("vkEnumerateDeviceExtensionProperties", res); err != nil {
		return nil, err
	}
	names := make([]string, 0, count)
	for i := range props[:count] {
		props[i].Deref()
		names = append(names, vk.ToString(props[i].ExtensionName[:]))
	}
	sort.Strings(names)
	return names, nil
}

// readFeatures asks the device for the Features its extensions (or, for
// 16-bit storage, Vulkan 1.1) define, chaining only the structures of what
// it offers.
func readFeatures(instance vk.Instance, pd vk.PhysicalDevice, apiVersion uint32, extensions map[string]bool) (Features, error) {
	var f Features
	if getInstanceProc == nil {
		return f, nil
	}
	var want C.uint32_t
	if extensions["VK_KHR_shader_float16_int8"] {
		want |= C.DCGANVK_WANT_F16I8
	}
	if extensions["VK_KHR_16bit_storage"] || apiVersion >= vk.MakeVersion(1, 1, 0) {
		want |= C.DCGANVK_WANT_S16
	}
	if extensions["VK_KHR_8bit_storage"] {
		want |= C.DCGANVK_WANT_S8
	}
	if extensions["VK_EXT_subgroup_size_control"] {
		want |= C.DCGANVK_WANT_SUBGROUP_CONTROL
	}
	if extensions["VK_KHR_cooperative_matrix"] {
		want |= C.DCGANVK_WANT_COOP
	}
	caps := (*C.dcganvk_caps)(C.calloc(1, C.sizeof_dcganvk_caps))
	if caps == nil {
		return f, fmt.Errorf("reading the features of a device: out of memory")
	}
	defer C.free(unsafe.Pointer(caps))
	if C.dcganvk_query(getInstanceProc, unsafe.Pointer(instance), unsafe.Pointer(pd), want, caps) != 0 {
		return f, fmt.Errorf("reading the features of a device: the loader has no vkGetPhysicalDeviceFeatures2")
	}
	f = Features{
		ShaderFloat16:                caps.f16i8.shaderFloat16 != 0,
		ShaderInt8:                   caps.f16i8.shaderInt8 != 0,
		StorageBuffer16Bit:           caps.s16.storageBuffer != 0,
		UniformAndStorageBuffer16Bit: caps.s16.uniformAndStorageBuffer != 0,
		StorageBuffer8Bit:            caps.s8.storageBuffer != 0,
		SubgroupSizeControl:          caps.sub.subgroupSizeControl != 0,
		ComputeFullSubgroups:         caps.sub.computeFullSubgroups != 0,
		MinSubgroupSize:              uint32(caps.subProps.minSubgroupSize),
		MaxSubgroupSize:              uint32(caps.subProps.maxSubgroupSize),
		MaxComputeWorkgroupSubgroups: uint32(caps.subProps.maxComputeWorkgroupSubgroups),
		RequiredSubgroupSizeCompute:  caps.subProps.requiredSubgroupSizeStages&C.uint32_t(vk.ShaderStageComputeBit) != 0,
		CooperativeMatrix:            caps.coop.cooperativeMatrix != 0,
		CooperativeMatrixShapes:      []CoopMatrixShape{},
	}
	for _, s := range caps.coopShapes[:caps.coopCount] {
		f.CooperativeMatrixShapes = append(f.CooperativeMatrixShapes, CoopMatrixShape{
			M: uint32(s.m), N: uint32(s.n), K: uint32(s.k),
			A: componentType(s.a), B: componentType(s.b), C: componentType(s.c), Result: componentType(s.result),
			Saturating: s.saturatingAccumulation != 0, Scope: scopeName(s.scope),
		})
	}
	return f, nil
}
