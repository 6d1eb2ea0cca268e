package check

import (
	"math/rand/v2"

	"dcganvk/gpu"
	"dcganvk/nn/op"
)

// DistinctOps lists the ops of plans once per kernel and shape, in plan order.
func DistinctOps(plans ...*op.Plan) []op.Op {
	seen := map[string]bool{}
	var out []op.Op
	for _, p := range plans {
		for _, o := range p.Ops {
			key := o.Kernel() + "|" + o.Shape()
			if !seen[key] {
				seen[key] = true
				out = append(out, o)
			}
		}
	}
	return out
}

// Kernels compares every distinct op of the plans on the device and the
// CPU, from random inputs drawn from seed. progress, if set, is called
// before each.
func Kernels(dev *gpu.Device, seed uint64, progress func(i, n int, o op.Op), plans ...*op.Plan) ([]Result, error) {
	ops := DistinctOps(plans...)
	rng := rand.New(rand.NewPCG(seed, 2))
	var results []Result
	for i, o := range ops {
		if progress != nil {
			progress(i, len(ops), o)
		}
		r, err := Op(dev, o, rng, nil, DefaultThreshold)
		if err != nil {
			return results, err
		}
		results = append(results, r)
	}
	return results, nil
}
