package gpu

import (
	"errors"
	"fmt"
	"unsafe"

	vk "github.com/vulkan-go/vulkan"
)

const validationLayer = "VK_LAYER_KHRONOS_validation"

// swapchainExtension is the device extension a window needs.
const swapchainExtension = "VK_KHR_swapchain"

// newInstance loads Vulkan and creates an instance for Vulkan 1.1 with the
// given extensions, and with the validation layer (its features as
// validationFeatures says) and a debug report callback when validate is
// set.
func newInstance(validate bool, extensions []string) (vk.Instance, vk.DebugReportCallback, error) {
	if err := loadVulkan(); err != nil {
		return nil, vk.NullDebugReportCallback, err
	}
	var (
		layers []string
		next   unsafe.Pointer // the validation features, when validating
	)
	for i, e := range extensions {
		extensions[i] = e + "\x00"
	}
	if validate {
		ok, err := hasLayer(validationLayer)
		if err != nil {
			return nil, vk.NullDebugReportCallback, err
		}
		if !ok {
			return nil, vk.NullDebugReportCallback, errors.New("validation requested but " + validationLayer +
				" is not installed: apt-get install vulkan-validationlayers")
		}
		layers = []string{validationLayer + "\x00"}
		extensions = append(extensions, "VK_EXT_debug_report\x00", validationFeaturesExtension+"\x00")
		features, err := newValidationFeatures()
		if err != nil {
			return nil, vk.NullDebugReportCallback, err
		}
		defer freeValidationFeatures(features)
		next = features
	}
	info := vk.InstanceCreateInfo{
		SType: vk.StructureTypeInstanceCreateInfo,
		PNext: next,
		PApplicationInfo: &vk.ApplicationInfo{
			SType:              vk.StructureTypeApplicationInfo,
			PApplicationName:   "dcganvk\x00",
			ApplicationVersion: vk.MakeVersion(0, 1, 0),
			PEngineName:        "dcganvk\x00",
			EngineVersion:      vk.MakeVersion(0, 1, 0),
			ApiVersion:         vk.MakeVersion(1, 1, 0),
		},
		EnabledLayerCount:       uint32(len(layers)),
		PpEnabledLayerNames:     layers,
		EnabledExtensionCount:   uint32(len(extensions)),
		PpEnabledExtensionNames: extensions,
	}
	var (
		instance vk.Instance
		res      vk.Result
	)
	withoutGC(func() { res = vk.CreateInstance(&info, nil, &instance) })
	if err := check("vkCreateInstance", res); err != nil {
		if ve, ok := err.(*VulkanError); ok && ve.Result == vk.ErrorIncompatibleDriver {
			return nil, vk.NullDebugReportCallback, fmt.Errorf("%w: no Vulkan driver found; %s", err, InstallHint)
		}
		return nil, vk.NullDebugReportCallback, err
	}
	if err := vk.InitInstance(instance); err != nil {
		vk.DestroyInstance(instance, nil)
		return nil, vk.NullDebugReportCallback, fmt.Errorf("loading Vulkan instance functions: %w", err)
	}
	callback := vk.NullDebugReportCallback
	if validate {
		var err error
		if callback, err = installDebugReport(instance); err != nil {
			vk.DestroyInstance(instance, nil)
			return nil, vk.NullDebugReportCallback, err
		}
	}
	return instance, callback, nil
}

// destroyInstance removes the debug callback (if any) and the instance.
func destroyInstance(instance vk.Instance, callback vk.DebugReportCallback) {
	if callback != vk.NullDebugReportCallback {
		vk.DestroyDebugReportCallback(instance, callback, nil)
	}
	vk.DestroyInstance(instance, nil)
}

// hasLayer tells whether the loader knows the named instance layer.
func hasLayer(name string) (bool, error) {
	var count uint32
	if err := check("vkEnumerateInstanceLayerProperties", vk.EnumerateInstanceLayerProperties(&count, nil)); err != nil {
		return false, err
	}
	props := make([]vk.LayerProperties, count)
	var res vk.Result
	withoutGC(func() { res = vk.EnumerateInstanceLayerProperties(&count, props) })
	if err := check("vkEnumerateInstanceLayerProperties", res); err != nil {
		return false, err
	}
	for i := range props {
		props[i].Deref()
		if vk.ToString(props[i].LayerName[:]) == name {
			return true, nil
		}
	}
	return false, nil
}

// physicalDevices lists the instance's devices in the loader's order.
func physicalDevices(instance vk.Instance) ([]vk.PhysicalDevice, error) {
	var count uint32
	if err := check("vkEnumeratePhysicalDevices", vk.EnumeratePhysicalDevices(instance, &count, nil)); err != nil {
		return nil, err
	}
	devices := make([]vk.PhysicalDevice, count)
	if count > 0 {
		if err := check("vkEnumeratePhysicalDevices", vk.EnumeratePhysicalDevices(instance, &count, devices)); err != nil {
			return nil, err
		}
	}
	return devices[:count], nil
}

// hasDeviceExtension tells whether a physical device offers an extension.
func hasDeviceExtension(pd vk.PhysicalDevice, name string) bool {
	var count uint32
	if vk.EnumerateDeviceExtensionProperties(pd, "", &count, nil) != vk.Success {
		return false
	}
	props := make([]vk.ExtensionProperties, count)
	var res vk.Result
	withoutGC(func() { res = vk.EnumerateDeviceExtensionProperties(pd, "", &count, props) })
	if res != vk.Success {
		return false
	}
	for i := range props {
		props[i].Deref()
		if vk.ToString(props[i].ExtensionName[:]) == name {
			return true
		}
	}
	return false
}
