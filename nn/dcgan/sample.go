package dcgan

import "dcganvk/nn/op"

// Sampler is the generator in inference mode (batch norm with the moving
// statistics, no noise drawn on the device): images from given noise vectors.
type Sampler struct {
	Plan   *op.Plan
	N      int
	Noise  *op.Tensor // [n, 100], written by the host
	Images *op.Tensor // [n, 28, 28, 1] in [-1, 1]
}

// NewSampler builds the inference plan for n vectors over the generator's
// weights g and batch-norm state bn (shared with a train step, or loaded
// from a checkpoint).
func NewSampler(g *Generator, bn [3]*BNState, n int) (*Sampler, error) {
	s := &Sampler{Plan: &op.Plan{}, N: n, Noise: op.NewF32("sample/noise", n, NoiseDim)}
	b := &builder{plan: s.Plan, n: n}
	s.Images = b.generatorForward(g, bn, s.Noise, false, "sample").fake
	if b.err != nil {
		return nil, b.err
	}
	return s, nil
}
