package check

import (
	"dcganvk/nn/dcgan"
	"testing"

	"dcganvk/gpu"
)

// TestWholeStepMatches runs one whole train step on both executors at a
// small batch: losses and gradients within StepThreshold, every parameter
// updated.
func TestWholeStepMatches(t *testing.T) {
	dev := openDevice(t)
	expectStepMatches(t, dev)
}

// TestWholeStepMatchesWithGPUVariants runs the whole step with every
// kernel variant a GPU takes by default (tiled and split convolutions,
// two-stage reductions, the per-row logit, the step parameters copied to
// device memory), forced on lavapipe.
func TestWholeStepMatchesWithGPUVariants(t *testing.T) {
	dev := openDevice(t)
	dev.Info.Type = gpu.Discrete
	expectStepMatches(t, dev)
}

// expectStepMatches runs one step at batch 3 on dev and on the CPU.
func expectStepMatches(t *testing.T, dev *gpu.Device) {
	t.Helper()
	rep, err := Step(dev, dcgan.MNIST, 3, 11)
	if err != nil {
		t.Fatal(err)
	}
	for _, group := range [][]TensorDiff{rep.Losses, rep.Gradients, rep.State} {
		for _, d := range group {
			if !(d.RelDiff <= StepThreshold) {
				t.Errorf("%s: relative difference %.3g", d.Name, d.RelDiff)
			}
		}
	}
	if !(rep.MaxRelDiffSameBranches <= StepThreshold) || len(rep.SameBranches) != 19 {
		t.Errorf("with the device's branches: max_rel_diff %.3g over %d tensors", rep.MaxRelDiffSameBranches, len(rep.SameBranches))
	}
	if !rep.Pass || len(rep.Gradients) != 16 || len(rep.Params) != 16 {
		t.Errorf("step report: pass %v, %d gradients, %d params", rep.Pass, len(rep.Gradients), len(rep.Params))
	}
	t.Logf("max_rel_diff %.3g, %d branch flips, same branches %.3g", rep.MaxRelDiff, rep.BranchFlips, rep.MaxRelDiffSameBranches)
}
