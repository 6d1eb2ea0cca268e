package dcgan

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"dcganvk/nn/op"
	"dcganvk/nn/ref"
)

// TestSamplerDrawPadsAShortBatch: two vectors through a sampler of three
// draw the first two images of the full batch (inference-mode batch norm
// treats each image alone), and four vectors are refused.
func TestSamplerDrawPadsAShortBatch(t *testing.T) {
	step, err := NewTrainStep(MNIST, 3, 3)
	if err != nil {
		t.Fatal(err)
	}
	s, err := NewSampler(step.G, step.BN, 3)
	if err != nil {
		t.Fatal(err)
	}
	exec := ref.New(step.Plan, s.Plan)
	defer exec.Close()
	if err := op.WriteAll(step.InitialState(7), exec); err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	noise := make([]float32, 3*NoiseDim)
	for i := range noise {
		noise[i] = float32(rng.NormFloat64())
	}
	full, err := s.Draw(exec, noise)
	if err != nil || len(full) != 3*MNIST.Pixels() {
		t.Fatalf("full batch: %d pixels, %v", len(full), err)
	}
	short, err := s.Draw(exec, noise[:2*NoiseDim])
	if err != nil || !slices.Equal(short, full[:2*MNIST.Pixels()]) {
		t.Errorf("two vectors: %d pixels, %v; want the full batch's first two images", len(short), err)
	}
	if _, err := s.Draw(exec, make([]float32, 4*NoiseDim)); err == nil || !strings.Contains(err.Error(), "up to 3 vectors") {
		t.Errorf("four vectors through a sampler of three: %v", err)
	}
}
