package gpu

/*
#include <stdint.h>
#include <stdlib.h>

// VkValidationFeaturesEXT (VK_EXT_validation_features), declared here so
// the build needs no Vulkan headers; layout and sType as in vulkan_core.h.
typedef struct {
	int32_t sType;
	const void *pNext;
	uint32_t enabledValidationFeatureCount;
	const int32_t *pEnabledValidationFeatures;
	uint32_t disabledValidationFeatureCount;
	const int32_t *pDisabledValidationFeatures;
} dcganvk_validation_features;

// dcganvk_new_validation_features allocates the struct and copies of the
// n enables and m disables in one block (one free).
static dcganvk_validation_features *dcganvk_new_validation_features(const int32_t *enables, uint32_t n,
		const int32_t *disables, uint32_t m) {
	dcganvk_validation_features *f = calloc(1, sizeof(*f) + (n + m) * sizeof(int32_t));
	if (f == NULL) {
		return NULL;
	}
	int32_t *copy = (int32_t *)(f + 1);
	for (uint32_t i = 0; i < n + m; i++) {
		copy[i] = i < n ? enables[i] : disables[i - n];
	}
	f->sType = 1000247000; // VK_STRUCTURE_TYPE_VALIDATION_FEATURES_EXT
	f->enabledValidationFeatureCount = n;
	f->pEnabledValidationFeatures = copy;
	f->disabledValidationFeatureCount = m;
	f->pDisabledValidationFeatures = copy + n;
	return f;
}
*/
import "C"

import (
	"errors"
	"os"
	"strings"
	"unsafe"
)

// GPUAssistedEnv, set to 1 with validation on, adds GPU-assisted validation:
// the layer instruments every shader to check each buffer access against
// its binding's range (slow: for small shapes).
const GPUAssistedEnv = "DCGANVK_GPUAV"

// validationFeaturesExtension is the instance extension (offered by the
// validation layer) that takes the features below.
const validationFeaturesExtension = "VK_EXT_validation_features"

// VkValidationFeatureEnableEXT and VkValidationFeatureDisableEXT values.
const (
	featureGPUAssisted            = 0
	featureGPUAssistedReserveSlot = 1
	featureSynchronization        = 4
	disableCoreChecks             = 5
)

// gpuAssisted tells whether GPUAssistedEnv asks for GPU-assisted validation.
func gpuAssisted() bool { return os.Getenv(GPUAssistedEnv) == "1" }

// validationFeatures is the one place that says what the validation layer
// checks beyond API usage: synchronization (hazards between dispatches,
// copies and host access: a missing barrier) always, and with
// gpuAssisted the bounds of every buffer access in the shaders, where the
// API usage checks (core checks), which the ordinary runs make, are
// turned off as the layer advises (with both it is many times slower).
func validationFeatures() (enables, disables []int32) {
	enables = []int32{featureSynchronization}
	if gpuAssisted() {
		enables = append(enables, featureGPUAssisted, featureGPUAssistedReserveSlot)
		disables = []int32{disableCoreChecks}
	}
	return enables, disables
}

// gpuAssistedNotices are the notes the layer gives, as warnings, about
// GPU-assisted validation itself: that it turns on device features for its
// own use, and that an instrumented shader with many bounds checks builds
// slowly. They say nothing of dcganvk's calls, so they are not recorded.
var gpuAssistedNotices = []string{
	"vkCreateDevice(): Warning that validation is adjusting settings",
	"This shader will be very slow to compile and runtime performance may also be slow. " +
		"This is due to the number of OOB checks",
}

// ignoredMessage tells whether a layer message is one of
// gpuAssistedNotices during GPU-assisted validation: the only messages
// that are not errors of ours.
func ignoredMessage(message string) bool {
	if !gpuAssisted() {
		return false
	}
	for _, n := range gpuAssistedNotices {
		if strings.Contains(message, n) {
			return true
		}
	}
	return false
}

// newValidationFeatures allocates, in C memory, the VkValidationFeaturesEXT
// for an instance's pNext; free it with C.free after vkCreateInstance.
func newValidationFeatures() (unsafe.Pointer, error) {
	enables, disables := validationFeatures()
	disablesPtr := (*C.int32_t)(nil)
	if len(disables) > 0 {
		disablesPtr = (*C.int32_t)(unsafe.Pointer(&disables[0]))
	}
	f := C.dcganvk_new_validation_features((*C.int32_t)(unsafe.Pointer(&enables[0])), C.uint32_t(len(enables)),
		disablesPtr, C.uint32_t(len(disables)))
	if f == nil {
		return nil, errors.New("allocating the validation layer's features")
	}
	return unsafe.Pointer(f), nil
}

// freeValidationFeatures frees what newValidationFeatures allocated.
func freeValidationFeatures(f unsafe.Pointer) { C.free(f) }
