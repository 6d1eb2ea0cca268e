package main

import (
	"encoding/json"
	"testing"
)

func TestBenchReportsEveryKernelAndTheStep(t *testing.T) {
	out, errOut, code := runCLI(t, nil, "bench", "--batch", "3", "--steps", "1", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var rep struct {
		Kernels []struct {
			Name  string  `json:"name"`
			MS    float64 `json:"ms"`
			Share float64 `json:"share"`
		} `json:"kernels"`
		Step struct {
			Batch        int     `json:"batch"`
			MS           float64 `json:"ms"`
			ImagesPerSec float64 `json:"images_per_s"`
		} `json:"step"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("%v in %s", err, out)
	}
	share := 0.0
	for _, k := range rep.Kernels {
		share += k.Share
	}
	if len(rep.Kernels) < 40 || share < 0.99 || share > 1.01 {
		t.Errorf("%d kernels, shares summing to %.3f", len(rep.Kernels), share)
	}
	if rep.Step.Batch != 3 || !(rep.Step.MS > 0) || !(rep.Step.ImagesPerSec > 0) {
		t.Errorf("step %+v", rep.Step)
	}
}
