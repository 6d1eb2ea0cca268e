package gpu

import (
	"fmt"

	vk "github.com/vulkan-go/vulkan"
)

// resultNames maps the VkResult codes a compute program can meet to their names.
var resultNames = map[vk.Result]string{
	vk.Success:                    "VK_SUCCESS",
	vk.NotReady:                   "VK_NOT_READY",
	vk.Timeout:                    "VK_TIMEOUT",
	vk.EventSet:                   "VK_EVENT_SET",
	vk.EventReset:                 "VK_EVENT_RESET",
	vk.Incomplete:                 "VK_INCOMPLETE",
	vk.ErrorOutOfHostMemory:       "VK_ERROR_OUT_OF_HOST_MEMORY",
	vk.ErrorOutOfDeviceMemory:     "VK_ERROR_OUT_OF_DEVICE_MEMORY",
	vk.ErrorInitializationFailed:  "VK_ERROR_INITIALIZATION_FAILED",
	vk.ErrorDeviceLost:            "VK_ERROR_DEVICE_LOST",
	vk.ErrorMemoryMapFailed:       "VK_ERROR_MEMORY_MAP_FAILED",
	vk.ErrorLayerNotPresent:       "VK_ERROR_LAYER_NOT_PRESENT",
	vk.ErrorExtensionNotPresent:   "VK_ERROR_EXTENSION_NOT_PRESENT",
	vk.ErrorFeatureNotPresent:     "VK_ERROR_FEATURE_NOT_PRESENT",
	vk.ErrorIncompatibleDriver:    "VK_ERROR_INCOMPATIBLE_DRIVER",
	vk.ErrorTooManyObjects:        "VK_ERROR_TOO_MANY_OBJECTS",
	vk.ErrorFormatNotSupported:    "VK_ERROR_FORMAT_NOT_SUPPORTED",
	vk.ErrorFragmentedPool:        "VK_ERROR_FRAGMENTED_POOL",
	vk.ErrorOutOfPoolMemory:       "VK_ERROR_OUT_OF_POOL_MEMORY",
	vk.ErrorInvalidExternalHandle: "VK_ERROR_INVALID_EXTERNAL_HANDLE",
	vk.ErrorSurfaceLost:           "VK_ERROR_SURFACE_LOST_KHR",
	vk.ErrorNativeWindowInUse:     "VK_ERROR_NATIVE_WINDOW_IN_USE_KHR",
	vk.Suboptimal:                 "VK_SUBOPTIMAL_KHR",
	vk.ErrorOutOfDate:             "VK_ERROR_OUT_OF_DATE_KHR",
	vk.ErrorIncompatibleDisplay:   "VK_ERROR_INCOMPATIBLE_DISPLAY_KHR",
	vk.ErrorValidationFailed:      "VK_ERROR_VALIDATION_FAILED_EXT",
	vk.ErrorInvalidShaderNv:       "VK_ERROR_INVALID_SHADER_NV",
	vk.ErrorFragmentation:         "VK_ERROR_FRAGMENTATION_EXT",
	vk.ErrorNotPermitted:          "VK_ERROR_NOT_PERMITTED_EXT",
}

// ResultName returns the VkResult's name as the specification spells it.
func ResultName(r vk.Result) string {
	if name, ok := resultNames[r]; ok {
		return name
	}
	return fmt.Sprintf("VkResult(%d)", int32(r))
}

// VulkanError is a failed Vulkan call: which call, and what it returned.
type VulkanError struct {
	Call   string
	Result vk.Result
}

func (e *VulkanError) Error() string {
	return e.Call + " failed: " + ResultName(e.Result)
}

// check turns a VkResult into nil or a *VulkanError naming the call.
func check(call string, r vk.Result) error {
	if r == vk.Success {
		return nil
	}
	return &VulkanError{Call: call, Result: r}
}
