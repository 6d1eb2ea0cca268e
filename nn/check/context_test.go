package check

import (
	"math/rand/v2"
	"os"
	"testing"

	"dcganvk/gpu"
	"dcganvk/nn/op"
)

// openDevice opens the chosen Vulkan device with validation on (unless
// DCGANVK_VALIDATE=0) and fails the test on any validation message.
func openDevice(t *testing.T) *gpu.Context {
	t.Helper()
	opts := gpu.OptionsFromEnv()
	opts.Validate = os.Getenv("DCGANVK_VALIDATE") != "0"
	ctx, err := gpu.Open(opts)
	if err != nil {
		t.Fatalf("opening Vulkan device: %v", err)
	}
	t.Cleanup(func() {
		if err := ctx.Close(); err != nil {
			t.Error(err)
		}
	})
	return ctx
}

// expectMatch runs o on both executors and fails the test unless every
// output is within threshold of the reference.
func expectMatch(t *testing.T, ctx *gpu.Context, o op.Op, rng *rand.Rand, inputs map[*op.Tensor][]float32, threshold float64) Result {
	t.Helper()
	res, err := Op(ctx, o, rng, inputs, threshold)
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
