package vkexec

import (
	"slices"
	"strings"
	"testing"

	"dcganvk/gpu"
	"dcganvk/gpu/gputest"
	"dcganvk/nn/dcgan"
	"dcganvk/nn/judge"
	"dcganvk/nn/op"
)

// TestPipelinesAreWhatNewRecords checks that Pipelines builds exactly the
// pipelines that New records for the train step, the sampler and the
// judge's classifier, in the same order, at the device's variants and at
// the GPU's.
func TestPipelinesAreWhatNewRecords(t *testing.T) {
	step, err := dcgan.NewTrainStep(dcgan.MNIST, 4, 8)
	if err != nil {
		t.Fatal(err)
	}
	sampler, err := dcgan.NewSampler(step.G, step.BN, 3)
	if err != nil {
		t.Fatal(err)
	}
	classifier, err := judge.NewClassifier(judge.NewWeights("judge"), 5)
	if err != nil {
		t.Fatal(err)
	}
	plans := []*op.Plan{step.Plan, sampler.Plan, classifier.Plan}
	for _, kernels := range []string{"", "conv=tiled,filter=splitk,reduce=twostage,params=device,matvec=rows,winograd=off,tile=32"} {
		dev := gputest.Open(t)
		dev.Kernels = kernels
		exec, err := New(dev, Options{}, plans...)
		if err != nil {
			t.Fatal(err)
		}
		recorded := exec.Pipelines()
		exec.Close()
		walked, err := Pipelines(dev, plans...)
		if err != nil {
			t.Fatal(err)
		}
		if len(recorded) < 10 || !slices.Equal(walked, recorded) {
			t.Errorf("--kernels %q: Pipelines built\n%v\nNew recorded\n%v", kernels, names(walked), names(recorded))
		}
	}
}

// TestPipelinesAllocateNothing walks the train step on a device opened
// with PipelinesOnly, which refuses every allocation.
func TestPipelinesAllocateNothing(t *testing.T) {
	opts := gputest.Options()
	opts.PipelinesOnly = true
	dev, err := gpu.Open(opts)
	if err != nil {
		t.Fatal(err)
	}
	defer func() {
		if err := dev.Close(); err != nil {
			t.Error(err)
		}
	}()
	step, err := dcgan.NewTrainStep(dcgan.MNIST, 4, 8)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Pipelines(dev, step.Plan); err != nil {
		t.Fatal(err)
	}
	if _, err := New(dev, Options{}, step.Plan); err == nil || !strings.Contains(err.Error(), "pipelines only") {
		t.Fatalf("New on a device opened to build pipelines only: want an error saying so, got %v", err)
	}
}

func names(ks []*gpu.Pipeline) []string {
	out := make([]string, len(ks))
	for i, k := range ks {
		out[i] = k.Spec.Shader
	}
	return out
}
