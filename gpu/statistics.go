package gpu

/*
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

// The structures of VK_KHR_pipeline_executable_properties, declared here
// so the build needs no Vulkan headers. Layouts and sType values follow
// vulkan_core.h (1.3.239).
enum { DCGANVK_DESCRIPTION = 256 };

typedef struct { // VkPhysicalDevicePipelineExecutablePropertiesFeaturesKHR
	int32_t sType;
	void *pNext;
	uint32_t pipelineExecutableInfo;
} dcganvk_executable_features;

typedef struct { // VkPhysicalDeviceFeatures2, as in capabilities.go
	int32_t sType;
	void *pNext;
	uint32_t features[64];
} dcganvk_features2_exec;

typedef struct { // VkPipelineInfoKHR
	int32_t sType;
	const void *pNext;
	uint64_t pipeline;
} dcganvk_pipeline_info;

typedef struct { // VkPipelineExecutablePropertiesKHR
	int32_t sType;
	void *pNext;
	uint32_t stages;
	char name[DCGANVK_DESCRIPTION];
	char description[DCGANVK_DESCRIPTION];
	uint32_t subgroupSize;
} dcganvk_executable;

typedef struct { // VkPipelineExecutableInfoKHR
	int32_t sType;
	const void *pNext;
	uint64_t pipeline;
	uint32_t executableIndex;
} dcganvk_executable_info;

typedef struct { // VkPipelineExecutableStatisticKHR
	int32_t sType;
	void *pNext;
	char name[DCGANVK_DESCRIPTION];
	char description[DCGANVK_DESCRIPTION];
	int32_t format;
	uint64_t value; // a union of VkBool32, int64_t, uint64_t and double
} dcganvk_statistic;

typedef void *(*dcganvk_gipa_exec)(void *instance, const char *name);
typedef void *(*dcganvk_gdpa)(void *device, const char *name);
typedef void (*dcganvk_get_features2_exec)(void *physical_device, dcganvk_features2_exec *features);
typedef int32_t (*dcganvk_get_executables)(void *device, const dcganvk_pipeline_info *info, uint32_t *count, dcganvk_executable *out);
typedef int32_t (*dcganvk_get_statistics)(void *device, const dcganvk_executable_info *info, uint32_t *count, dcganvk_statistic *out);

// dcganvk_executable_info_supported tells whether the device supports the
// pipelineExecutableInfo feature.
static int dcganvk_executable_info_supported(void *gipa, void *instance, void *pd) {
	dcganvk_get_features2_exec features2 = (dcganvk_get_features2_exec)((dcganvk_gipa_exec)gipa)(instance, "vkGetPhysicalDeviceFeatures2");
	if (features2 == 0) {
		return 0;
	}
	dcganvk_executable_features f;
	memset(&f, 0, sizeof(f));
	f.sType = 1000269000;
	dcganvk_features2_exec f2;
	memset(&f2, 0, sizeof(f2));
	f2.sType = 1000059000;
	f2.pNext = &f;
	features2(pd, &f2);
	return f.pipelineExecutableInfo != 0;
}

// dcganvk_new_executable_features is the feature structure that enables
// pipelineExecutableInfo at vkCreateDevice; the caller frees it.
static dcganvk_executable_features *dcganvk_new_executable_features(void) {
	dcganvk_executable_features *f = calloc(1, sizeof(*f));
	if (f != 0) {
		f->sType = 1000269000;
		f->pipelineExecutableInfo = 1;
	}
	return f;
}

// dcganvk_device_proc looks a device-level function up.
static void *dcganvk_device_proc(void *gipa, void *instance, void *device, const char *name) {
	dcganvk_gdpa gdpa = (dcganvk_gdpa)((dcganvk_gipa_exec)gipa)(instance, "vkGetDeviceProcAddr");
	return gdpa == 0 ? 0 : gdpa(device, name);
}

// dcganvk_executables calls vkGetPipelineExecutablePropertiesKHR; out may
// be 0 to ask only for the count.
static int32_t dcganvk_executables(void *fn, void *device, uint64_t pipeline, uint32_t *count, dcganvk_executable *out) {
	dcganvk_pipeline_info info = {1000269001, 0, pipeline};
	for (uint32_t i = 0; out != 0 && i < *count; i++) {
		memset(&out[i], 0, sizeof(out[i]));
		out[i].sType = 1000269002;
	}
	return ((dcganvk_get_executables)fn)(device, &info, count, out);
}

// dcganvk_statistics calls vkGetPipelineExecutableStatisticsKHR for one
// executable; out may be 0 to ask only for the count.
static int32_t dcganvk_statistics(void *fn, void *device, uint64_t pipeline, uint32_t index, uint32_t *count, dcganvk_statistic *out) {
	dcganvk_executable_info info = {1000269003, 0, pipeline, index};
	for (uint32_t i = 0; out != 0 && i < *count; i++) {
		memset(&out[i], 0, sizeof(out[i]));
		out[i].sType = 1000269004;
	}
	return ((dcganvk_get_statistics)fn)(device, &info, count, out);
}
*/
import "C"

import (
	"fmt"
	"math"
	"unsafe"

	vk "github.com/vulkan-go/vulkan"
)

// executableExtension is the device extension that reports what the
// driver compiled a pipeline into.
const executableExtension = "VK_KHR_pipeline_executable_properties"

// Executable is one of the driver's compiled programs of a pipeline (a
// compute pipeline has one) and the statistics the driver gives it.
type Executable struct {
	Name         string      `json:"name"`
	Description  string      `json:"description"`
	SubgroupSize uint32      `json:"subgroup_size"`
	Statistics   []Statistic `json:"statistics"`
}

// Statistic is one statistic of an executable, as the driver names it:
// registers, spills, shared memory, scratch, occupancy and the like.
type Statistic struct {
	Name        string `json:"name"`
	Description string `json:"description"`
	// Value is a bool, an int64, a uint64 or a float64, as the driver
	// reports it.
	Value any `json:"value"`
}

// Number is the statistic's value as a float64 (a bool as 0 or 1).
func (s Statistic) Number() float64 {
	switch v := s.Value.(type) {
	case bool:
		if v {
			return 1
		}
	case int64:
		return float64(v)
	case uint64:
		return float64(v)
	case float64:
		return v
	}
	return 0
}

// statistics holds the entry points of VK_KHR_pipeline_executable_properties
// on a device that enabled it.
type statistics struct {
	executables, statistics unsafe.Pointer
}

// offersStatistics tells whether the chosen device offers the extension
// and its pipelineExecutableInfo feature.
func (c *Device) offersStatistics() bool {
	return getInstanceProc != nil && hasDeviceExtension(c.physical, executableExtension) &&
		C.dcganvk_executable_info_supported(getInstanceProc, unsafe.Pointer(c.instance), unsafe.Pointer(c.physical)) != 0
}

// newExecutableFeatures is the pNext of a vkCreateDevice that enables the
// pipelineExecutableInfo feature, and the function that frees it after
// the call.
func newExecutableFeatures() (unsafe.Pointer, func()) {
	f := unsafe.Pointer(C.dcganvk_new_executable_features())
	return f, func() { C.free(f) }
}

// loadStatistics finds the extension's entry points on the open device.
func (c *Device) loadStatistics() error {
	lookup := func(name string) unsafe.Pointer {
		cname := C.CString(name)
		defer C.free(unsafe.Pointer(cname))
		return C.dcganvk_device_proc(getInstanceProc, unsafe.Pointer(c.instance), unsafe.Pointer(c.device), cname)
	}
	s := &statistics{executables: lookup("vkGetPipelineExecutablePropertiesKHR"),
		statistics: lookup("vkGetPipelineExecutableStatisticsKHR")}
	if s.executables == nil || s.statistics == nil {
		return fmt.Errorf("vkGetDeviceProcAddr: %s enabled %s but has no vkGetPipelineExecutable*KHR", c.Info.Name, executableExtension)
	}
	c.stats = s
	return nil
}

// CapturesStatistics tells whether the device reports what the driver
// compiled each pipeline into (Options.PipelinesOnly, on a device with
// VK_KHR_pipeline_executable_properties).
func (c *Device) CapturesStatistics() bool { return c.stats != nil }

// Statistics returns the driver's executables of a pipeline with their
// statistics.
func (c *Device) Statistics(k *Pipeline) ([]Executable, error) {
	if c.stats == nil {
		return nil, fmt.Errorf("%s does not capture pipeline statistics (no %s, or not opened with PipelinesOnly)", c.Info.Name, executableExtension)
	}
	device, pipeline := unsafe.Pointer(c.device), C.uint64_t(uintptr(unsafe.Pointer(k.pipeline)))
	var count C.uint32_t
	if err := check("vkGetPipelineExecutablePropertiesKHR", vk.Result(C.dcganvk_executables(c.stats.executables, device, pipeline, &count, nil))); err != nil {
		return nil, fmt.Errorf("kernel %s: %w", k, err)
	}
	exes := (*C.dcganvk_executable)(C.calloc(C.size_t(max(count, 1)), C.sizeof_dcganvk_executable))
	defer C.free(unsafe.Pointer(exes))
	if err := check("vkGetPipelineExecutablePropertiesKHR", vk.Result(C.dcganvk_executables(c.stats.executables, device, pipeline, &count, exes))); err != nil {
		return nil, fmt.Errorf("kernel %s: %w", k, err)
	}
	out := make([]Executable, count)
	for i, e := range unsafe.Slice(exes, count) {
		out[i] = Executable{Name: C.GoString(&e.name[0]), Description: C.GoString(&e.description[0]), SubgroupSize: uint32(e.subgroupSize)}
		var err error
		if out[i].Statistics, err = c.executableStatistics(pipeline, C.uint32_t(i)); err != nil {
			return nil, fmt.Errorf("kernel %s: %w", k, err)
		}
	}
	return out, nil
}

// executableStatistics reads the statistics of one executable.
func (c *Device) executableStatistics(pipeline C.uint64_t, index C.uint32_t) ([]Statistic, error) {
	device := unsafe.Pointer(c.device)
	var count C.uint32_t
	if err := check("vkGetPipelineExecutableStatisticsKHR", vk.Result(C.dcganvk_statistics(c.stats.statistics, device, pipeline, index, &count, nil))); err != nil {
		return nil, err
	}
	stats := (*C.dcganvk_statistic)(C.calloc(C.size_t(max(count, 1)), C.sizeof_dcganvk_statistic))
	defer C.free(unsafe.Pointer(stats))
	if err := check("vkGetPipelineExecutableStatisticsKHR", vk.Result(C.dcganvk_statistics(c.stats.statistics, device, pipeline, index, &count, stats))); err != nil {
		return nil, err
	}
	out := make([]Statistic, count)
	for i, s := range unsafe.Slice(stats, count) {
		out[i] = Statistic{Name: C.GoString(&s.name[0]), Description: C.GoString(&s.description[0]),
			Value: statisticValue(int32(s.format), uint64(s.value))}
	}
	return out, nil
}

// statisticValue decodes a VkPipelineExecutableStatisticValueKHR from its
// bits by its VkPipelineExecutableStatisticFormatKHR.
func statisticValue(format int32, bits uint64) any {
	switch format {
	case 0:
		return uint32(bits) != 0
	case 1:
		return int64(bits)
	case 3:
		return math.Float64frombits(bits)
	}
	return bits
}
