package check

import (
	"math/rand/v2"
	"testing"

	"dcganvk/gpu"
	"dcganvk/gpu/gputest"
	"dcganvk/nn/op"
)

// openDevice opens the test's Vulkan device (gputest.Open).
func openDevice(t *testing.T) *gpu.Device { return gputest.Open(t) }

// expectMatch runs o on both executors and fails the test unless every
// output is within threshold of the reference.
func expectMatch(t *testing.T, dev *gpu.Device, o op.Op, rng *rand.Rand, inputs map[*op.Tensor][]float32, threshold float64) Result {
	t.Helper()
	res, err := Op(dev, o, rng, inputs, threshold)
	if err != nil {
		t.Fatalf("%s %s: %v", o.Kernel(), o.Shape(), err)
	}
	if !res.Pass {
		t.Errorf("%s %s: %s NMSE %.3g (max abs err %.3g, threshold %.3g), same bits on a rerun: %v",
			res.Name, res.Shape, res.Worst, res.NMSE, res.MaxAbsErr, threshold, res.Deterministic)
	}
	if msgs := gpu.ValidationMessages(); len(msgs) > 0 {
		t.Errorf("validation layer: %v", msgs)
	}
	return res
}
