package dcgan

import (
	"math/rand/v2"

	"dcganvk/nn/op"
)

// SyntheticState is a state to run the train step from without MNIST, for
// benchmarks and checks: Keras' initial weights of seed, random image
// bytes, a shuffled order, and the parameter block of step 1 at batch
// offset Batch/2+3 (so the step needs Count >= 2·Batch+3).
func (s *TrainStep) SyntheticState(seed uint64) map[*op.Tensor][]float32 {
	state := s.InitialState(seed)
	rng := rand.New(rand.NewPCG(seed, 1))
	images := make([]uint32, s.Images.Len())
	for i := range images {
		images[i] = rng.Uint32()
	}
	state[s.Images] = op.AsFloat32(images)
	order := make([]uint32, s.Count)
	for i, j := range rng.Perm(s.Count) {
		order[i] = uint32(j)
	}
	state[s.Order] = op.AsFloat32(order)
	state[s.Params] = StepParams(1, seed, uint32(s.Batch/2+3), AdamLR).Words()
	return state
}
