package gpu

import (
	"errors"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	vk "github.com/vulkan-go/vulkan"
)

// DeviceType is the kind of a Vulkan physical device.
type DeviceType string

// The device types, in the order Open prefers them.
const (
	Discrete   DeviceType = "discrete GPU"
	Integrated DeviceType = "integrated GPU"
	Virtual    DeviceType = "virtual GPU"
	CPU        DeviceType = "CPU"
	Other      DeviceType = "other"
)

var typeRank = map[DeviceType]int{Discrete: 0, Integrated: 1, Virtual: 2, CPU: 3, Other: 4}

// Heap is one memory heap of a device.
type Heap struct {
	Bytes       uint64 `json:"bytes"`
	DeviceLocal bool   `json:"device_local"`
}

// DeviceInfo describes a physical device: what `dcganvk devices` prints and
// what kernels use to pick a variant.
type DeviceInfo struct {
	Index                  int          `json:"index"`
	Name                   string       `json:"name"`
	Type                   DeviceType   `json:"type"`
	VendorID               uint32       `json:"vendor_id"`
	APIVersion             string       `json:"api_version"`
	DriverVersion          string       `json:"driver_version"`
	Heaps                  []Heap       `json:"heaps"`
	MaxWorkgroupSize       [3]uint32    `json:"max_workgroup_size"`
	MaxWorkgroupInvocation uint32       `json:"max_workgroup_invocations"`
	MaxWorkgroupCount      [3]uint32    `json:"max_workgroup_count"`
	SharedMemoryBytes      uint32       `json:"shared_memory_bytes"`
	SubgroupSize           uint32       `json:"subgroup_size"`
	MaxStorageBufferRange  uint32       `json:"max_storage_buffer_range"`
	MaxTexelElements       uint32       `json:"max_texel_buffer_elements"`
	Timestamps             bool         `json:"timestamps"`
	TimestampPeriodNs      float32      `json:"timestamp_period_ns"`
	Limits                 Limits       `json:"limits"`
	MemoryTypes            []MemoryType `json:"memory_types"`
	// Extensions lists every device extension, sorted; NextStep says which
	// of NextStepExtensions the device offers; Features reads what those
	// extensions define. Devices fills these three; Open leaves them empty.
	Extensions []string        `json:"extensions,omitempty"`
	NextStep   map[string]bool `json:"next_step_extensions,omitempty"`
	Features   *Features       `json:"features,omitempty"`
	apiVersion uint32          // as Vulkan packs it
}

func deviceType(t vk.PhysicalDeviceType) DeviceType {
	switch t {
	case vk.PhysicalDeviceTypeDiscreteGpu:
		return Discrete
	case vk.PhysicalDeviceTypeIntegratedGpu:
		return Integrated
	case vk.PhysicalDeviceTypeVirtualGpu:
		return Virtual
	case vk.PhysicalDeviceTypeCpu:
		return CPU
	}
	return Other
}

func versionString(v uint32) string {
	return fmt.Sprintf("%d.%d.%d", v>>22, (v>>12)&0x3ff, v&0xfff)
}

// driverVersionString decodes the driver version the way its vendor packs it.
func driverVersionString(vendor, v uint32) string {
	if vendor == 0x10de { // NVIDIA: 10.8.8.6 bits
		return fmt.Sprintf("%d.%d.%d.%d", v>>22, (v>>14)&0xff, (v>>6)&0xff, v&0x3f)
	}
	return versionString(v)
}

// timestampPeriod is a device's nanoseconds a timestamp tick, 0 where it
// reports no finite period (RADV's null device reports +Inf).
func timestampPeriod(ns float32) float32 {
	if math.IsInf(float64(ns), 0) || math.IsNaN(float64(ns)) {
		return 0
	}
	return ns
}

// describe reads a physical device's properties into a DeviceInfo.
func describe(instance vk.Instance, pd vk.PhysicalDevice, index int) DeviceInfo {
	var props vk.PhysicalDeviceProperties
	vk.GetPhysicalDeviceProperties(pd, &props)
	props.Deref()
	props.Limits.Deref()
	var mem vk.PhysicalDeviceMemoryProperties
	vk.GetPhysicalDeviceMemoryProperties(pd, &mem)
	mem.Deref()
	info := DeviceInfo{
		Index:                  index,
		Name:                   vk.ToString(props.DeviceName[:]),
		Type:                   deviceType(props.DeviceType),
		VendorID:               props.VendorID,
		APIVersion:             versionString(props.ApiVersion),
		apiVersion:             props.ApiVersion,
		DriverVersion:          driverVersionString(props.VendorID, props.DriverVersion),
		MaxWorkgroupSize:       props.Limits.MaxComputeWorkGroupSize,
		MaxWorkgroupInvocation: props.Limits.MaxComputeWorkGroupInvocations,
		MaxWorkgroupCount:      props.Limits.MaxComputeWorkGroupCount,
		SharedMemoryBytes:      props.Limits.MaxComputeSharedMemorySize,
		SubgroupSize:           subgroupSize(instance, pd),
		MaxStorageBufferRange:  props.Limits.MaxStorageBufferRange,
		MaxTexelElements:       props.Limits.MaxTexelBufferElements,
		TimestampPeriodNs:      timestampPeriod(props.Limits.TimestampPeriod),
		Limits:                 readLimits(&props.Limits),
		MemoryTypes:            readMemoryTypes(&mem),
	}
	for i := uint32(0); i < mem.MemoryHeapCount; i++ {
		mem.MemoryHeaps[i].Deref()
		info.Heaps = append(info.Heaps, Heap{
			Bytes:       uint64(mem.MemoryHeaps[i].Size),
			DeviceLocal: mem.MemoryHeaps[i].Flags&vk.MemoryHeapFlags(vk.MemoryHeapDeviceLocalBit) != 0,
		})
	}
	if family, ok := computeQueueFamily(pd); ok {
		info.Timestamps = family.TimestampValidBits > 0 && info.TimestampPeriodNs > 0
	}
	return info
}

// computeQueueFamily returns the first queue family that supports compute.
func computeQueueFamily(pd vk.PhysicalDevice) (familyProps, bool) {
	var count uint32
	vk.GetPhysicalDeviceQueueFamilyProperties(pd, &count, nil)
	families := make([]vk.QueueFamilyProperties, count)
	withoutGC(func() { vk.GetPhysicalDeviceQueueFamilyProperties(pd, &count, families) })
	for i := range families {
		families[i].Deref()
		if families[i].QueueFlags&vk.QueueFlags(vk.QueueComputeBit) != 0 {
			return familyProps{Index: uint32(i), TimestampValidBits: families[i].TimestampValidBits}, true
		}
	}
	return familyProps{}, false
}

type familyProps struct {
	Index              uint32
	TimestampValidBits uint32
}

// describeExtensions adds a device's extensions, which of
// NextStepExtensions it offers, and the Features they define.
func describeExtensions(instance vk.Instance, pd vk.PhysicalDevice, info *DeviceInfo) error {
	names, err := deviceExtensions(pd)
	if err != nil {
		return fmt.Errorf("listing the extensions of %s: %w", info.Name, err)
	}
	offered := map[string]bool{}
	for _, n := range names {
		offered[n] = true
	}
	info.Extensions = names
	info.NextStep = map[string]bool{}
	for _, n := range NextStepExtensions {
		info.NextStep[n] = offered[n]
	}
	features, err := readFeatures(instance, pd, info.apiVersion, offered)
	if err != nil {
		return fmt.Errorf("%s: %w", info.Name, err)
	}
	info.Features = &features
	return nil
}

// Devices lists every Vulkan device the loader finds, with its extensions
// and features. With validate it runs under the validation layer, and any
// message the layer reports is an error.
func Devices(validate bool) ([]DeviceInfo, error) {
	instance, callback, err := newInstance(validate, nil)
	if err != nil {
		return nil, err
	}
	pds, err := physicalDevices(instance)
	if err != nil {
		destroyInstance(instance, callback)
		return nil, err
	}
	infos := make([]DeviceInfo, len(pds))
	for i, pd := range pds {
		infos[i] = describe(instance, pd, i)
		if err = describeExtensions(instance, pd, &infos[i]); err != nil {
			break
		}
	}
	destroyInstance(instance, callback)
	if err != nil {
		return nil, err
	}
	if validate {
		if msgs := ValidationMessages(); len(msgs) > 0 {
			return nil, errors.New("validation layer reported:\n" + strings.Join(msgs, "\n"))
		}
	}
	return infos, nil
}

// Choose picks a device: the one the selector names (an index, or part of a
// name, case-insensitive), or else the first discrete GPU, then integrated,
// virtual, and CPU implementation.
func Choose(devices []DeviceInfo, selector string) (int, error) {
	if len(devices) == 0 {
		return 0, fmt.Errorf("no Vulkan device found; %s", InstallHint)
	}
	selector = strings.TrimSpace(selector)
	if selector != "" {
		if index, err := strconv.Atoi(selector); err == nil {
			if index < 0 || index >= len(devices) {
				return 0, fmt.Errorf("device index %d out of range: %d device(s) found (see `dcganvk devices`)", index, len(devices))
			}
			return index, nil
		}
		for _, d := range devices {
			if strings.Contains(strings.ToLower(d.Name), strings.ToLower(selector)) {
				return d.Index, nil
			}
		}
		return 0, fmt.Errorf("no Vulkan device matches %q (see `dcganvk devices`)", selector)
	}
	order := make([]DeviceInfo, len(devices))
	copy(order, devices)
	sort.SliceStable(order, func(a, b int) bool { return typeRank[order[a].Type] < typeRank[order[b].Type] })
	return order[0].Index, nil
}
