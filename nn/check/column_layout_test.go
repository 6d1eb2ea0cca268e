package check

import (
	"testing"

	"dcganvk/gpu"
)

// forEachColumnLayout runs test once per family of column-reduction layouts
// that nn/vkexec picks (see columnLayout and columnPlan): as a CPU device
// (one invocation per group of 4 columns), as a discrete GPU in one stage
// (one workgroup per group where columns are few and long), and as a GPU in
// two stages (partial sums over chunks of rows, then their merge). Only
// the kernels' choice of layout changes; the device and its memory stay as
// opened.
func forEachColumnLayout(t *testing.T, test func(t *testing.T, dev *gpu.Device)) {
	dev := openDevice(t)
	for _, layout := range []struct {
		device  gpu.DeviceType
		kernels string
	}{{gpu.CPU, ""}, {gpu.Discrete, "reduce=lanes"}, {gpu.Discrete, "reduce=twostage"}} {
		t.Run(string(layout.device)+"/"+layout.kernels, func(t *testing.T) {
			dev.Info.Type, dev.Kernels = layout.device, layout.kernels
			test(t, dev)
		})
	}
}
