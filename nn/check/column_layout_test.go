package check

import (
	"testing"

	"dcganvk/gpu"
)

// forEachColumnLayout runs test once per family of column-reduction layouts
// that nn/vkexec picks by device type (see columnLayout): as a CPU device
// (one invocation per group of 4 columns) and as a discrete GPU (one
// workgroup per group where columns are few and long). Only the kernels' choice of
// layout changes; the device and its memory stay as opened.
func forEachColumnLayout(t *testing.T, test func(t *testing.T, ctx *gpu.Context)) {
	ctx := openDevice(t)
	for _, device := range []gpu.DeviceType{gpu.CPU, gpu.Discrete} {
		t.Run(string(device), func(t *testing.T) {
			ctx.Info.Type = device
			test(t, ctx)
		})
	}
}
