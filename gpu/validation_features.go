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

static dcganvk_validation_features *dcganvk_new_validation_features(const int32_t *enables, uint32_t n) {
	dcganvk_validation_features *f = calloc(1, sizeof(*f) + n * sizeof(int32_t));
	if (f == NULL) {
		return NULL;
	}
	int32_t *copy = (int32_t *)(f + 1);
	for (uint32_t i = 0; i < n; i++) {
		copy[i] = enables[i];
	}
	f->sType = 1000247000; // VK_STRUCTURE_TYPE_VALIDATION_FEATURES_EXT
	f->enabledValidationFeatureCount = n;
	f->pEnabledValidationFeatures = copy;
	return f;
}
*/
import "C"

import (
	"errors"
	"os"
	"unsafe"
)

// GPUAssistedEnv, set to 1 with validation on, adds GPU-assisted validation:
// the layer instruments every shader to check each buffer access against
// its binding's range (slow: for small shapes).
const GPUAssistedEnv = "DCGANVK_GPUAV"

// validationFeaturesExtension is the instance extension (offered by the
// validation layer) that takes the features below.
const validationFeaturesExtension = "VK_EXT_validation_features"

// VkValidationFeatureEnableEXT values.
const (
	featureGPUAssisted            = 0
	featureGPUAssistedReserveSlot = 1
	featureSynchronization        = 4
)

// validationFeatures is the one place that says what the validation layer
// checks beyond API usage: synchronization (hazards between dispatches,
// copies and host access: a missing barrier) always, and GPU-assisted
// validation when GPUAssistedEnv is 1.
func validationFeatures() []int32 {
	enables := []int32{featureSynchronization}
	if os.Getenv(GPUAssistedEnv) == "1" {
		enables = append(enables, featureGPUAssisted, featureGPUAssistedReserveSlot)
	}
	return enables
}

// newValidationFeatures allocates, in C memory, the VkValidationFeaturesEXT
// for an instance's pNext; free it with C.free after vkCreateInstance.
func newValidationFeatures() (unsafe.Pointer, error) {
	enables := validationFeatures()
	f := C.dcganvk_new_validation_features((*C.int32_t)(unsafe.Pointer(&enables[0])), C.uint32_t(len(enables)))
	if f == nil {
		return nil, errors.New("allocating the validation layer's features")
	}
	return unsafe.Pointer(f), nil
}

// freeValidationFeatures frees what newValidationFeatures allocated.
func freeValidationFeatures(f unsafe.Pointer) { C.free(f) }
