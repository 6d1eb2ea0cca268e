package vkexec

import (
	"dcganvk/gpu"
	"dcganvk/nn/op"
)

// Pipelines builds every pipeline that New would record for the plans, at
// the device's kernel variants, and returns them in the order the plans
// first dispatch them. It walks the ops through the same code as New but
// allocates no tensor and records nothing, so it runs on a device opened
// with gpu.Options.PipelinesOnly.
func Pipelines(dev *gpu.Device, plans ...*op.Plan) ([]*gpu.Pipeline, error) {
	variants, err := ParseVariants(dev.Kernels, dev.Info.Type)
	if err != nil {
		return nil, err
	}
	e := &Executor{dev: dev, plans: plans, variants: variants, scratches: map[string]*op.Tensor{},
		transforms: map[winoKey]*op.Tensor{}, pipelinesOnly: true}
	for _, p := range plans {
		e.fresh = map[winoKey]bool{}
		for _, o := range p.Ops {
			if err := e.recordOp(o); err != nil {
				return nil, err
			}
		}
	}
	return e.used.list, nil
}

// pipelineSet is a list of pipelines, each once, in first-use order.
type pipelineSet struct {
	list []*gpu.Pipeline
	seen map[*gpu.Pipeline]bool
}

func (s *pipelineSet) add(k *gpu.Pipeline) {
	if s.seen == nil {
		s.seen = map[*gpu.Pipeline]bool{}
	}
	if !s.seen[k] {
		s.seen[k] = true
		s.list = append(s.list, k)
	}
}
