// Package gpu is the only package that touches Vulkan (through vulkan-go
// and cgo): it loads the loader, opens an instance and a compute device
// (Open, Devices), allocates device memory in arenas, builds compute
// pipelines from the embedded SPIR-V with their specialization constants
// (Kernel), records dispatches with barriers derived from each dispatch's
// reads and writes (Recording), submits and waits, reads timestamps,
// collects validation-layer messages, and presents a buffer in a window.
// Every vulkan-go call that passes a slice runs with the garbage collector
// paused (gcsafe.go).
package gpu
