package vkexec

// elementLocal is the workgroup width of shaders/elementwise.glsl.
const elementLocal = 256

// maxGroupsPerDim is the workgroup count every Vulkan device allows in each
// grid dimension.
const maxGroupsPerDim = 65535

// elementGroups is the grid of shaders/elementwise.glsl for n elements:
// enough 256-wide workgroups, in rows of at most 65535.
func elementGroups(n int) [3]uint32 {
	g := max(int(groups(n, elementLocal)), 1)
	x := min(g, maxGroupsPerDim)
	return [3]uint32{uint32(x), uint32((g + x - 1) / x), 1}
}

// quadGroups is the grid of an elementwise shader that takes four of the n
// elements an invocation.
func quadGroups(n int) [3]uint32 { return elementGroups((n + 3) / 4) }
