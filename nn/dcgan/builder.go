package dcgan

import "dcganvk/nn/op"

// builder appends ops to a plan and keeps the first error, so that the
// layer code reads as a list of ops.
type builder struct {
	plan   *op.Plan
	n      int        // batch
	params *op.Tensor // the step parameter block
	err    error
}

func (b *builder) add(ops ...op.Op) {
	if b.err == nil {
		b.err = b.plan.Add(ops...)
	}
}

// act appends y = f(x) over a new tensor and returns y.
func (b *builder) act(fn op.Activation, x *op.Tensor, name string) *op.Tensor {
	y := op.NewF32(name, x.Shape...)
	b.add(&op.ActivationFwd{Fn: fn, X: x, Y: y, N: x.Len(), Slope: LeakySlope})
	return y
}

// actBwd appends dx = dy·f'(…) from f's output y and returns dx.
func (b *builder) actBwd(fn op.Activation, y, dy *op.Tensor, name string) *op.Tensor {
	dx := op.NewF32(name, y.Shape...)
	b.add(&op.ActivationBwd{Fn: fn, Y: y, DY: dy, DX: dx, N: y.Len(), Slope: LeakySlope})
	return dx
}
