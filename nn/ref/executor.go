// Package ref is the CPU reference: plain Go functions that specify what each
// kernel computes (accumulating in float64 where they sum), and an executor
// that runs a plan by calling them.
package ref

import (
	"fmt"
	"time"

	"dcganvk/nn/op"
)

// Executor runs plans on the CPU, one reference function per op.
type Executor struct {
	data map[*op.Tensor][]float32
}

// New allocates every tensor of the plans, zeroed; plans share tensors.
func New(plans ...*op.Plan) *Executor {
	e := &Executor{data: map[*op.Tensor][]float32{}}
	for _, p := range plans {
		for _, t := range p.Tensors() {
			if e.data[t] == nil {
				e.data[t] = make([]float32, t.Len())
			}
		}
	}
	return e
}

// slice returns the storage of t: its own, or its part of its root's.
func (e *Executor) slice(t *op.Tensor) ([]float32, error) {
	root, ok := e.data[t.Root()]
	if !ok {
		return nil, fmt.Errorf("tensor %s is not in the plan", t)
	}
	off := t.RootOffset()
	return root[off : off+t.Len()], nil
}

// Write implements op.Executor.
func (e *Executor) Write(t *op.Tensor, data []float32) error {
	dst, err := e.slice(t)
	if err != nil {
		return err
	}
	if len(data) != len(dst) {
		return fmt.Errorf("writing %d values into %s", len(data), t)
	}
	copy(dst, data)
	return nil
}

// Read implements op.Executor.
func (e *Executor) Read(t *op.Tensor) ([]float32, error) {
	src, err := e.slice(t)
	if err != nil {
		return nil, err
	}
	return append([]float32(nil), src...), nil
}

// Close implements op.Executor.
func (e *Executor) Close() error { return nil }

// Run implements op.Executor.
func (e *Executor) Run(p *op.Plan) error {
	_, err := e.RunTimed(p)
	return err
}

// RunTimed runs the plan and returns each op's wall time.
func (e *Executor) RunTimed(p *op.Plan) ([]time.Duration, error) {
	times := make([]time.Duration, len(p.Ops))
	for i, o := range p.Ops {
		start := time.Now()
		if err := e.RunOp(o); err != nil {
			return nil, err
		}
		times[i] = time.Since(start)
	}
	return times, nil
}

// RunOp calls the reference function of one op of the executor's plans.
func (e *Executor) RunOp(o op.Op) error {
	return reference(func(t *op.Tensor) []float32 {
		s, err := e.slice(t)
		if err != nil {
			panic(err) // unreachable: Plan.Add registered every tensor of the op
		}
		return s
	}, o)
}

// Storage gives a reference function the elements of each of its tensors.
type Storage func(t *op.Tensor) []float32
