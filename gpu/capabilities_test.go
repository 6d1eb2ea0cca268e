package gpu

import (
	"os"
	"slices"
	"testing"
)

func TestMemoryFlagsNamesEveryBit(t *testing.T) {
	got := memoryFlags(1 | 2 | 4 | 8 | 1<<20)
	want := []string{"device_local", "host_visible", "host_coherent", "host_cached", "0x100000"}
	if !slices.Equal(got, want) {
		t.Fatalf("memoryFlags = %v, want %v", got, want)
	}
	if got := memoryFlags(0); got == nil || len(got) != 0 {
		t.Fatalf("no flags: got %#v, want an empty list (JSON [])", got)
	}
}

// isPow2 tells whether v is a power of two.
func isPow2(v uint64) bool { return v != 0 && v&(v-1) == 0 }

// TestDevicesReportCapabilities checks what `devices --json` reports on this
// machine's devices against the floors and ceilings the Vulkan spec sets,
// under the validation layer unless DCGANVK_VALIDATE=0.
func TestDevicesReportCapabilities(t *testing.T) {
	devices, err := Devices(os.Getenv("DCGANVK_VALIDATE") != "0")
	if err != nil {
		t.Fatal(err)
	}
	if len(devices) == 0 {
		t.Fatal("no device")
	}
	for _, d := range devices {
		l := d.Limits
		if l.MaxComputeSharedMemorySize < 16384 || l.MaxComputeSharedMemorySize != d.SharedMemoryBytes {
			t.Errorf("%s: maxComputeSharedMemorySize %d (info says %d), spec minimum 16384", d.Name, l.MaxComputeSharedMemorySize, d.SharedMemoryBytes)
		}
		if l.MaxTexelBufferElements < 65536 || l.MaxTexelBufferElements != d.MaxTexelElements {
			t.Errorf("%s: maxTexelBufferElements %d, spec minimum 65536", d.Name, l.MaxTexelBufferElements)
		}
		for name, a := range map[string]uint64{"minStorageBufferOffsetAlignment": l.MinStorageBufferOffsetAlignment,
			"minUniformBufferOffsetAlignment": l.MinUniformBufferOffsetAlignment,
			"minTexelBufferOffsetAlignment":   l.MinTexelBufferOffsetAlignment} {
			if !isPow2(a) || a > 256 {
				t.Errorf("%s: %s %d, want a power of two of at most 256", d.Name, name, a)
			}
		}
		if !isPow2(l.NonCoherentAtomSize) || l.NonCoherentAtomSize > 256 || l.MinMemoryMapAlignment < 64 {
			t.Errorf("%s: nonCoherentAtomSize %d, minMemoryMapAlignment %d", d.Name, l.NonCoherentAtomSize, l.MinMemoryMapAlignment)
		}
		deviceLocal := false
		for _, m := range d.MemoryTypes {
			if int(m.HeapIndex) >= len(d.Heaps) || m.HeapBytes != d.Heaps[m.HeapIndex].Bytes || m.HeapBytes == 0 {
				t.Errorf("%s: memory type %d on heap %d of %d bytes", d.Name, m.Index, m.HeapIndex, m.HeapBytes)
			}
			deviceLocal = deviceLocal || slices.Contains(m.Flags, "device_local")
		}
		if !deviceLocal {
			t.Errorf("%s: no device-local memory type in %+v", d.Name, d.MemoryTypes)
		}
		if !slices.IsSorted(d.Extensions) || len(d.Extensions) == 0 {
			t.Errorf("%s: extensions not listed or not sorted", d.Name)
		}
		for _, e := range NextStepExtensions {
			offered, listed := d.NextStep[e]
			if !listed || offered != slices.Contains(d.Extensions, e) {
				t.Errorf("%s: next-step extension %s: offered %v, listed %v", d.Name, e, offered, listed)
			}
		}
		f := d.Features
		if f == nil {
			t.Fatalf("%s: no features read", d.Name)
		}
		if (f.ShaderFloat16 || f.ShaderInt8) && !d.NextStep["VK_KHR_shader_float16_int8"] {
			t.Errorf("%s: float16/int8 reported without its extension", d.Name)
		}
		if f.SubgroupSizeControl && (f.MinSubgroupSize == 0 || f.MinSubgroupSize > d.SubgroupSize ||
			f.MaxSubgroupSize < d.SubgroupSize || !isPow2(uint64(f.MinSubgroupSize)) || !isPow2(uint64(f.MaxSubgroupSize))) {
			t.Errorf("%s: subgroup sizes %d..%d around the default %d", d.Name, f.MinSubgroupSize, f.MaxSubgroupSize, d.SubgroupSize)
		}
		if len(f.CooperativeMatrixShapes) > 0 && !f.CooperativeMatrix {
			t.Errorf("%s: cooperative matrix shapes without the feature", d.Name)
		}
		for _, s := range f.CooperativeMatrixShapes {
			if s.M == 0 || s.N == 0 || s.K == 0 {
				t.Errorf("%s: cooperative matrix shape %+v", d.Name, s)
			}
		}
	}
}
