package vkexec

import "dcganvk/gpu"

// columnLayout is the workgroup shape of a column reduction
// (shaders/column_sum.glsl): tx groups of 4 columns, ty invocations per
// group. On a CPU device (lavapipe), one invocation per group: barriers
// cost more there than the parallelism over rows brings (at batch 256, 35
// ms against 250 ms for bn2's forward pass), and 8 groups a workgroup leave
// a workgroup for each core at 64 columns. On a GPU, one invocation per
// group where there are many columns or few rows (the Dense layer's
// features), else one workgroup per group (conv channels over
// batch·height·width), whose 256 invocations share the rows.
func columnLayout(device gpu.DeviceType, rows, c int) (tx, ty int) {
	switch {
	case device == gpu.CPU:
		return 8, 1
	case c >= 2048 || rows <= 256:
		return 64, 1
	default:
		return 1, 256
	}
}

// columnGroups is the grid of a column reduction over c columns with tx
// groups of 4 columns a workgroup.
func columnGroups(c, tx int) [3]uint32 { return [3]uint32{groups((c+3)/4, tx), 1, 1} }
