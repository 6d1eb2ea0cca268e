package check

import (
	"testing"

	"dcganvk/nn/judge"
)

// TestJudgeKernelsMatch runs every distinct op of the judge's train step
// and classifier, at batches that are no multiple of a workgroup, on both
// executors.
func TestJudgeKernelsMatch(t *testing.T) {
	dev := openDevice(t)
	step, err := judge.NewTrainStep(7, 11)
	if err != nil {
		t.Fatal(err)
	}
	classifier, err := judge.NewClassifier(step.W, 5)
	if err != nil {
		t.Fatal(err)
	}
	results, err := Kernels(dev, 31, nil, step.Plan, classifier.Plan)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range results {
		if !r.Pass {
			t.Errorf("%s %s: %s NMSE %.3g (max abs err %.3g), same bits on a rerun: %v",
				r.Name, r.Shape, r.Worst, r.NMSE, r.MaxAbsErr, r.Deterministic)
		}
	}
	if len(results) < 15 {
		t.Errorf("only %d distinct ops in the judge's plans", len(results))
	}
}
