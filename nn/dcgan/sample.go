package dcgan

import (
	"fmt"

	"dcganvk/nn/op"
)

// Sampler is the generator in inference mode (batch norm with the moving
// statistics, no noise drawn on the device): images from given noise vectors.
type Sampler struct {
	Geo    Geometry
	Plan   *op.Plan
	N      int
	Noise  *op.Tensor // [n, 100], written by the host
	Images *op.Tensor // [n, S, S, C] in [-1, 1]
}

// NewSampler builds the inference plan for n vectors over the generator's
// weights g and batch-norm state bn (shared with a train step, or loaded
// from a checkpoint).
func NewSampler(g *Generator, bn [3]*BNState, n int) (*Sampler, error) {
	s := &Sampler{Geo: g.Geo, Plan: &op.Plan{}, N: n, Noise: op.NewF32("sample/noise", n, NoiseDim)}
	b := &builder{plan: s.Plan, n: n}
	s.Images = b.generatorForward(g, bn, s.Noise, false, "sample").fake
	if b.err != nil {
		return nil, b.err
	}
	return s, nil
}

// Draw runs the sampler on exec, whose plans include it, over up to N noise
// vectors (the rest of the batch is zero) and returns their images. Weights
// that draw NaN or infinite pixels are an error.
func (s *Sampler) Draw(exec op.Executor, noise []float32) ([]float32, error) {
	n := len(noise) / NoiseDim
	if n > s.N || len(noise) != n*NoiseDim {
		return nil, fmt.Errorf("sampler: %d noise values are not up to %d vectors of %d", len(noise), s.N, NoiseDim)
	}
	batch := noise
	if n < s.N {
		batch = make([]float32, s.Noise.Len())
		copy(batch, noise)
	}
	if err := exec.Write(s.Noise, batch); err != nil {
		return nil, err
	}
	if err := exec.Run(s.Plan); err != nil {
		return nil, err
	}
	images, err := exec.Read(s.Images)
	if err != nil {
		return nil, err
	}
	if bad := op.NonFinite(images); bad > 0 {
		return nil, fmt.Errorf("the generator drew %d NaN or infinite pixels of %d: its weights are out of range (the run diverged)", bad, len(images))
	}
	return images[:n*s.Geo.Pixels()], nil
}
