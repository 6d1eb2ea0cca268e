package gpu

import (
	"encoding/json"
	"errors"
	"os"
	"slices"
	"strings"
	"testing"

	vk "github.com/vulkan-go/vulkan"
)

// openSteps are the steps of Open that can fail, as it names them.
var openSteps = []string{"vkCreateInstance", "vkEnumeratePhysicalDevices", "vkGetPhysicalDeviceQueueFamilyProperties",
	"vkCreateDevice", "vkCreateCommandPool", "vkGetPhysicalDeviceMemoryProperties"}

// withOpenFault sets openFault for the rest of the test.
func withOpenFault(t *testing.T, fault func(step string, c *Device) error) {
	t.Cleanup(func() { openFault = nil })
	openFault = fault
}

// TestOpenFailsCleanlyAtEachStep makes each step of Open fail in turn and
// checks that Open names the step, leaves no Vulkan object alive (the
// validation layer reports those that are at vkDestroyDevice) and forgets
// every handle it made.
func TestOpenFailsCleanlyAtEachStep(t *testing.T) {
	opts := Options{Device: os.Getenv("DCGANVK_DEVICE"), Validate: os.Getenv("DCGANVK_VALIDATE") != "0"}
	var visited []string
	withOpenFault(t, func(step string, _ *Device) error {
		visited = append(visited, step)
		return nil
	})
	c, err := Open(opts)
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(visited, openSteps) {
		t.Fatalf("Open ran the steps %q, want %q", visited, openSteps)
	}
	injected := errors.New("injected failure")
	for _, fail := range openSteps {
		var part *Device
		withOpenFault(t, func(step string, c *Device) error {
			if step == fail {
				part = c
				return injected
			}
			return nil
		})
		c, err := Open(opts)
		if c != nil || !errors.Is(err, injected) {
			t.Fatalf("failing %s: Open = %v, %v; want the injected error", fail, c, err)
		}
		if msg := err.Error(); !strings.Contains(msg, fail+" failed: ") || strings.Contains(msg, "validation layer") {
			t.Errorf("failing %s: want an error naming the step and no validation message, got %q", fail, msg)
		}
		if part.instance != nil || part.device != nil || part.commandPool != vk.NullCommandPool || part.memory != nil {
			t.Errorf("failing %s: Open left handles behind: instance %v, device %v, command pool %v, memory %v",
				fail, part.instance, part.device, part.commandPool, part.memory)
		}
	}
}

// radeonICD is the manifest of Mesa's RADV driver.
const radeonICD = "/usr/share/vulkan/icd.d/radeon_icd.x86_64.json"

// useRADVNullDevice makes the loader offer only RADV's null device, a
// navi21, for the rest of the test, or skips the test without RADV.
func useRADVNullDevice(t *testing.T) {
	if _, err := os.Stat(radeonICD); err != nil {
		t.Skipf("RADV is not installed (%v): apt-get install mesa-vulkan-drivers", err)
	}
	t.Setenv("VK_DRIVER_FILES", radeonICD)
	t.Setenv("RADV_FORCE_FAMILY", "navi21")
}

// TestDescribeRADVNullDevice lists RADV's null device, whose timestamp
// period is +Inf: it must read as no timestamps and encode as JSON.
func TestDescribeRADVNullDevice(t *testing.T) {
	useRADVNullDevice(t)
	devices, err := Devices(false)
	if err != nil {
		t.Fatal(err)
	}
	if len(devices) != 1 || devices[0].Timestamps || devices[0].TimestampPeriodNs != 0 {
		t.Fatalf("want one device without timestamps, got %+v", devices)
	}
	if _, err := json.Marshal(devices); err != nil {
		t.Fatal(err)
	}
}

// TestOpenRADVNullDevice opens RADV's null device (RADV_FORCE_FAMILY: no
// hardware and no memory heaps), which must be an error that says there is
// no usable memory, not a crash.
func TestOpenRADVNullDevice(t *testing.T) {
	useRADVNullDevice(t)
	c, err := Open(Options{Validate: os.Getenv("DCGANVK_VALIDATE") != "0"})
	if err == nil {
		c.Close()
		t.Fatal("opened RADV's null device, which has no memory")
	}
	if msg := err.Error(); !strings.Contains(msg, "has no usable memory") || strings.Contains(msg, "validation layer") {
		t.Errorf("want a plain no-memory error and no validation message, got %q", msg)
	}
}
