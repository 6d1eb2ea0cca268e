package gpu

/*
#include <stdint.h>

// The few Vulkan 1.1 structures needed to read the subgroup size, declared
// here so the build needs no Vulkan headers. Layouts follow vulkan_core.h.
typedef struct {
	int32_t sType;
	void *pNext;
	uint32_t subgroupSize;
	uint32_t supportedStages;
	uint32_t supportedOperations;
	uint32_t quadOperationsInAllStages;
} dcganvk_subgroup_props;

// VkPhysicalDeviceProperties2: sType, pNext, then VkPhysicalDeviceProperties
// (824 bytes on 64-bit platforms); 1024 bytes leave room to spare.
typedef struct {
	int32_t sType;
	void *pNext;
	uint64_t properties[128];
} dcganvk_props2;

typedef void *(*dcganvk_get_instance_proc)(void *instance, const char *name);
typedef void (*dcganvk_get_props2)(void *physical_device, dcganvk_props2 *props);

static uint32_t dcganvk_subgroup_size(void *get_instance_proc, void *instance, void *physical_device) {
	dcganvk_get_props2 fn = (dcganvk_get_props2)((dcganvk_get_instance_proc)get_instance_proc)(
		instance, "vkGetPhysicalDeviceProperties2");
	if (fn == 0) {
		return 0;
	}
	dcganvk_subgroup_props subgroup = {1000094000, 0, 0, 0, 0, 0};
	dcganvk_props2 props = {1000059001, &subgroup, {0}};
	fn(physical_device, &props);
	return subgroup.subgroupSize;
}
*/
import "C"

import (
	"unsafe"

	vk "github.com/vulkan-go/vulkan"
)

// subgroupSize asks a Vulkan 1.1 device for its subgroup size; 0 when the
// device or loader cannot say.
func subgroupSize(instance vk.Instance, pd vk.PhysicalDevice) uint32 {
	if getInstanceProc == nil {
		return 0
	}
	return uint32(C.dcganvk_subgroup_size(getInstanceProc, unsafe.Pointer(instance), unsafe.Pointer(pd)))
}
