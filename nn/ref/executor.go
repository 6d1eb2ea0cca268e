// Package ref is the CPU reference: plain Go functions that specify what each
// kernel computes (accumulating in float64 where they sum), and an executor
// that runs a plan by calling them.
package ref

import (
	"fmt"

	"dcganvk/nn/op"
)

// Executor runs a plan on the CPU, one reference function per op.
type Executor struct {
	plan *op.Plan
	data map[*op.Tensor][]float32
}

// New allocates every tensor of the plan, zeroed.
func New(plan *op.Plan) *Executor {
	e := &Executor{plan: plan, data: map[*op.Tensor][]float32{}}
	for _, t := range plan.Tensors() {
		e.data[t] = make([]float32, t.Len())
	}
	return e
}

// Write implements op.Executor.
func (e *Executor) Write(t *op.Tensor, data []float32) error {
	dst, ok := e.data[t]
	if !ok {
		return fmt.Errorf("tensor %s is not in the plan", t)
	}
	if len(data) != len(dst) {
		return fmt.Errorf("writing %d values into %s", len(data), t)
	}
	copy(dst, data)
	return nil
}

// Read implements op.Executor.
func (e *Executor) Read(t *op.Tensor) ([]float32, error) {
	src, ok := e.data[t]
	if !ok {
		return nil, fmt.Errorf("tensor %s is not in the plan", t)
	}
	return append([]float32(nil), src...), nil
}

// Close implements op.Executor.
func (e *Executor) Close() error { return nil }

// Run implements op.Executor.
func (e *Executor) Run() error {
	for _, o := range e.plan.Ops {
		if err := e.run(o); err != nil {
			return fmt.Errorf("%s %s: %w", o.Kernel(), o.Shape(), err)
		}
	}
	return nil
}

// run calls the reference function of one op.
func (e *Executor) run(o op.Op) error {
	d := e.data
	switch o := o.(type) {
	case *op.MatMul:
		MatMul(d[o.A], d[o.B], d[o.C], o.M, o.N, o.K, o.TransA, o.TransB, o.Accumulate)
	default:
		return fmt.Errorf("no CPU reference for %T", o)
	}
	return nil
}
