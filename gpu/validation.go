package gpu

import (
	"fmt"
	"sync"
	"unsafe"

	vk "github.com/vulkan-go/vulkan"
)

// vulkan-go routes every debug report through one Go function, so the
// messages are collected in one place for the whole process.
var (
	validationMu       sync.Mutex
	validationMessages []string
)

// installDebugReport registers a callback that records every error, warning
// and performance warning the validation layer reports.
func installDebugReport(instance vk.Instance) (vk.DebugReportCallback, error) {
	info := vk.DebugReportCallbackCreateInfo{
		SType: vk.StructureTypeDebugReportCallbackCreateInfo,
		Flags: vk.DebugReportFlags(vk.DebugReportErrorBit | vk.DebugReportWarningBit |
			vk.DebugReportPerformanceWarningBit),
		PfnCallback: recordValidationMessage,
	}
	var callback vk.DebugReportCallback
	var res vk.Result
	withoutGC(func() { res = vk.CreateDebugReportCallback(instance, &info, nil, &callback) })
	err := check("vkCreateDebugReportCallbackEXT", res)
	return callback, err
}

func recordValidationMessage(flags vk.DebugReportFlags, _ vk.DebugReportObjectType, _ uint64, _ uint,
	code int32, layer string, message string, _ unsafe.Pointer) vk.Bool32 {
	if ignoredMessage(message) {
		return vk.False
	}
	validationMu.Lock()
	defer validationMu.Unlock()
	validationMessages = append(validationMessages, fmt.Sprintf("[%s %s %d] %s", layer, reportKind(flags), code, message))
	return vk.False
}

func reportKind(flags vk.DebugReportFlags) string {
	switch {
	case flags&vk.DebugReportFlags(vk.DebugReportErrorBit) != 0:
		return "error"
	case flags&vk.DebugReportFlags(vk.DebugReportWarningBit) != 0:
		return "warning"
	default:
		return "performance"
	}
}

// ValidationMessages returns and clears every message the validation layer
// has reported in this process so far.
func ValidationMessages() []string {
	validationMu.Lock()
	defer validationMu.Unlock()
	out := validationMessages
	validationMessages = nil
	return out
}
