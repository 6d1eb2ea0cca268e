// Package vkexec runs a plan on a Vulkan device: every tensor gets a device
// buffer, and the whole plan is recorded into one command buffer once and
// replayed on every Run. Each op's dispatch wrapper lives in a file named
// after its kernel.
package vkexec

import (
	"fmt"

	"dcganvk/gpu"
	"dcganvk/nn/op"
)

// Executor is a plan recorded on a device.
type Executor struct {
	ctx  *gpu.Context
	plan *op.Plan
	bufs map[*op.Tensor]*gpu.Buffer
	rec  *gpu.Recording
}

// Options configures an executor.
type Options struct {
	// Timestamps records a timestamp after every dispatch (see Timings).
	Timestamps bool
}

// New allocates a buffer for every tensor of the plan and records the plan.
func New(ctx *gpu.Context, plan *op.Plan, opts Options) (*Executor, error) {
	e := &Executor{ctx: ctx, plan: plan, bufs: map[*op.Tensor]*gpu.Buffer{}}
	for _, t := range plan.Tensors() {
		size := uint64(4 * t.Len())
		var (
			b   *gpu.Buffer
			err error
		)
		if t.Host {
			b, err = ctx.NewHostBuffer(size)
		} else {
			b, err = ctx.NewBuffer(size)
		}
		if err != nil {
			return nil, fmt.Errorf("allocating %s: %w", t, err)
		}
		e.bufs[t] = b
	}
	rec, err := ctx.NewRecording(gpu.RecordOptions{Timestamps: opts.Timestamps, MaxDispatches: len(plan.Ops)})
	if err != nil {
		return nil, err
	}
	e.rec = rec
	for _, o := range plan.Ops {
		if err := e.record(o); err != nil {
			e.rec.Destroy()
			return nil, fmt.Errorf("recording %s %s: %w", o.Kernel(), o.Shape(), err)
		}
	}
	if err := e.rec.End(); err != nil {
		e.rec.Destroy()
		return nil, err
	}
	return e, nil
}

// record appends one op's dispatches to the recording.
func (e *Executor) record(o op.Op) error {
	switch o := o.(type) {
	case *op.MatMul:
		return e.matmul(o)
	}
	return fmt.Errorf("no Vulkan kernel for %T", o)
}

// dispatch builds (or reuses) a kernel and records it over the given tensors:
// reads bind first, then writes, as the shaders declare them.
func (e *Executor) dispatch(spec gpu.KernelSpec, groups [3]uint32, reads, writes []*op.Tensor) error {
	spec.Bindings = len(reads) + len(writes)
	k, err := e.ctx.Kernel(spec)
	if err != nil {
		return err
	}
	return e.rec.Dispatch(k, groups, nil, e.buffers(reads), e.buffers(writes))
}

func (e *Executor) buffers(ts []*op.Tensor) []*gpu.Buffer {
	out := make([]*gpu.Buffer, len(ts))
	for i, t := range ts {
		out[i] = e.bufs[t]
	}
	return out
}

// Write implements op.Executor.
func (e *Executor) Write(t *op.Tensor, data []float32) error {
	b, ok := e.bufs[t]
	if !ok {
		return fmt.Errorf("tensor %s is not in the plan", t)
	}
	if len(data) != t.Len() {
		return fmt.Errorf("writing %d values into %s", len(data), t)
	}
	return e.ctx.Upload(b, gpu.Float32Bytes(data))
}

// Read implements op.Executor.
func (e *Executor) Read(t *op.Tensor) ([]float32, error) {
	b, ok := e.bufs[t]
	if !ok {
		return nil, fmt.Errorf("tensor %s is not in the plan", t)
	}
	out := make([]float32, t.Len())
	return out, e.ctx.Download(b, gpu.Float32Bytes(out))
}

// Run implements op.Executor: one submit of the recorded plan, then a wait.
func (e *Executor) Run() error { return e.rec.Run() }

// Timings returns each dispatch's device time in the last Run.
func (e *Executor) Timings() ([]gpu.Timing, error) { return e.rec.Timings() }

// Barriers is the number of barriers recorded between the plan's dispatches.
func (e *Executor) Barriers() int { return e.rec.Barriers() }

// Close implements op.Executor. The buffers stay with the context, which
// frees them when it closes.
func (e *Executor) Close() error {
	e.rec.Destroy()
	return nil
}

// groups is how many workgroups of size local cover n items.
func groups(n, local int) uint32 { return uint32((n + local - 1) / local) }

// flag is a boolean as a specialization constant.
func flag(b bool) uint32 {
	if b {
		return 1
	}
	return 0
}
