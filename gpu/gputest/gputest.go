// Package gputest opens Vulkan devices for tests: the device that
// DCGANVK_DEVICE names (the best one when unset), under the validation
// layers unless DCGANVK_VALIDATE=0, and closed when the test ends, which
// fails the test on any validation message or leaked object.
package gputest

import (
	"os"
	"testing"

	"dcganvk/gpu"
)

// Options are the device options of a test, read from the environment.
func Options() gpu.Options {
	return gpu.Options{Device: os.Getenv("DCGANVK_DEVICE"), Validate: os.Getenv("DCGANVK_VALIDATE") != "0"}
}

// Open opens the test's device and closes it when t ends.
func Open(t testing.TB) *gpu.Device {
	t.Helper()
	dev, err := gpu.Open(Options())
	if err != nil {
		t.Fatalf("opening Vulkan device: %v", err)
	}
	t.Cleanup(func() {
		if err := dev.Close(); err != nil {
			t.Error(err)
		}
	})
	return dev
}
