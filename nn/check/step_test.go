package check

import "testing"

// TestWholeStepMatches runs one whole train step on both executors at a
// small batch: losses and gradients within StepThreshold, every parameter
// updated.
func TestWholeStepMatches(t *testing.T) {
	ctx := openDevice(t)
	rep, err := Step(ctx, 3, 11)
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
