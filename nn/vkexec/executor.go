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

// Executor is one or more plans recorded on a device over shared tensors
// (the train step and the sample grid share the generator's weights, say).
type Executor struct {
	dev   *gpu.Device
	arena *gpu.Arena
	plans []*op.Plan
	bufs  map[*op.Tensor]*gpu.Buffer
	recs  map[*op.Plan]*gpu.Recording
	// dispatches is how many dispatches each op of a plan recorded.
	dispatches map[*op.Plan][]int
	// rec is the recording being built while a plan is recorded.
	rec *gpu.Recording
	// variants are the kernel variants it records (gpu.Options.Kernels).
	variants Variants
	// hostInputs are the host-side buffers of the host tensors that no op
	// writes (the step parameters), where the variants keep a device-local
	// copy for the kernels: each recording starts by copying them over.
	hostInputs map[*op.Tensor]*gpu.Buffer
	// scratches are the kernels' own working tensors, by role and size
	// (see scratch).
	scratches map[string]*op.Tensor
	// transforms are the Winograd tile transforms' tensors; fresh are
	// those that the plan being recorded has made and whose source no op
	// has written since (see winoData).
	transforms map[winoKey]*op.Tensor
	fresh      map[winoKey]bool
	// used are the pipelines the recordings dispatch, in first-use order.
	used pipelineSet
	// pipelinesOnly, in a walk of Pipelines, builds the pipelines of the
	// ops but allocates and records nothing.
	pipelinesOnly bool
}

// Options configures an executor.
type Options struct {
	// Timestamps records a timestamp after every dispatch (see Timings).
	Timestamps bool
}

// New allocates a zeroed buffer for every tensor of the plans and records
// each plan into a command buffer of its own.
func New(dev *gpu.Device, opts Options, plans ...*op.Plan) (*Executor, error) {
	variants, err := ParseVariants(dev.Kernels, dev.Info.Type)
	if err != nil {
		return nil, err
	}
	e := &Executor{dev: dev, arena: dev.NewArena(), plans: plans, variants: variants,
		bufs: map[*op.Tensor]*gpu.Buffer{}, recs: map[*op.Plan]*gpu.Recording{},
		dispatches: map[*op.Plan][]int{}, hostInputs: map[*op.Tensor]*gpu.Buffer{},
		scratches: map[string]*op.Tensor{}, transforms: map[winoKey]*op.Tensor{}}
	if err := e.build(opts); err != nil {
		e.Close()
		return nil, err
	}
	return e, nil
}

func (e *Executor) build(opts Options) error {
	for _, p := range e.plans {
		for _, t := range p.Tensors() {
			if err := e.allocate(t); err != nil {
				return err
			}
		}
	}
	if e.variants.DeviceParams {
		if err := e.mirrorHostInputs(); err != nil {
			return err
		}
	}
	for _, p := range e.plans {
		rec, err := e.dev.NewRecording(gpu.RecordOptions{Timestamps: opts.Timestamps, MaxDispatches: maxDispatchesPerOp * len(p.Ops)})
		if err != nil {
			return err
		}
		e.rec, e.recs[p] = rec, rec
		e.fresh = map[winoKey]bool{}
		for _, t := range p.Tensors() {
			if host, ok := e.hostInputs[t]; ok {
				if err := rec.Copy(host, e.bufs[t], 0); err != nil {
					return fmt.Errorf("copying %s to the device: %w", t, err)
				}
			}
		}
		for _, o := range p.Ops {
			before := rec.Dispatches()
			if err := e.recordOp(o); err != nil {
				return err
			}
			e.dispatches[p] = append(e.dispatches[p], rec.Dispatches()-before)
		}
		if err := rec.End(); err != nil {
			return err
		}
	}
	return nil
}

// recordOp records one op of the plan being recorded, once the Winograd
// transforms of the tensors it writes are forgotten.
func (e *Executor) recordOp(o op.Op) error {
	e.forgetTransforms(o.Writes())
	if err := e.record(o); err != nil {
		return fmt.Errorf("recording %s %s: %w", o.Kernel(), o.Shape(), err)
	}
	return nil
}

// mirrorHostInputs gives every host tensor that no op writes (the step
// parameters, which the host writes before each submit) a device-local
// buffer for the kernels to read, so that no kernel reads host memory
// across the bus; the host keeps the mapped one.
func (e *Executor) mirrorHostInputs() error {
	written := map[*op.Tensor]bool{}
	for _, p := range e.plans {
		for _, o := range p.Ops {
			for _, t := range o.Writes() {
				written[t.Root()] = true
			}
		}
	}
	for _, p := range e.plans {
		for _, t := range p.Tensors() {
			if !t.Host || written[t] || e.hostInputs[t] != nil {
				continue
			}
			mirror, err := e.zeroed(t, false)
			if err != nil {
				return fmt.Errorf("device copy of a host input: %w", err)
			}
			e.hostInputs[t], e.bufs[t] = e.bufs[t], mirror
		}
	}
	return nil
}

// allocate gives a storage tensor a zeroed buffer (once); a walk of
// Pipelines allocates nothing.
func (e *Executor) allocate(t *op.Tensor) error {
	if e.bufs[t] != nil || e.pipelinesOnly {
		return nil
	}
	b, err := e.zeroed(t, t.Host)
	if err != nil {
		return err
	}
	e.bufs[t] = b
	return nil
}

// zeroed allocates a zeroed buffer the size of t, in mapped host memory or
// in device memory.
func (e *Executor) zeroed(t *op.Tensor, host bool) (*gpu.Buffer, error) {
	size := uint64(4 * t.Len())
	var (
		b   *gpu.Buffer
		err error
	)
	if host {
		b, err = e.arena.NewHostBuffer(size)
	} else {
		b, err = e.arena.NewBuffer(size)
	}
	if err != nil {
		return nil, fmt.Errorf("allocating %s: %w", t, err)
	}
	if err := e.dev.Upload(b, make([]byte, size)); err != nil {
		return nil, fmt.Errorf("zeroing %s: %w", t, err)
	}
	return b, nil
}

// dispatch builds (or reuses) a kernel and records it over the given tensors:
// reads bind first, then writes, as the shaders declare them. A walk of
// Pipelines only builds it.
func (e *Executor) dispatch(spec gpu.PipelineSpec, groups [3]uint32, reads, writes []*op.Tensor) error {
	k, err := e.dev.Pipeline(spec)
	if err != nil {
		return err
	}
	e.used.add(k)
	if e.pipelinesOnly {
		return nil
	}
	r, err := e.buffers(reads)
	if err != nil {
		return err
	}
	w, err := e.buffers(writes)
	if err != nil {
		return err
	}
	return e.rec.Dispatch(k, groups, r, w)
}

// Pipelines returns the pipelines the executor's recordings dispatch, each
// once, in the order they first do.
func (e *Executor) Pipelines() []*gpu.Pipeline { return e.used.list }

// Buffer returns the device range of a tensor or view, for presenting it.
func (e *Executor) Buffer(t *op.Tensor) (*gpu.Buffer, error) {
	root, ok := e.bufs[t.Root()]
	if !ok {
		return nil, fmt.Errorf("tensor %s is not in the plan", t)
	}
	if t.Base == nil {
		return root, nil
	}
	return root.Slice(uint64(4*t.RootOffset()), uint64(4*t.Len()))
}

func (e *Executor) buffers(ts []*op.Tensor) ([]*gpu.Buffer, error) {
	out := make([]*gpu.Buffer, len(ts))
	for i, t := range ts {
		b, err := e.Buffer(t)
		if err != nil {
			return nil, err
		}
		out[i] = b
	}
	return out, nil
}

// hostSide is the buffer the host reads and writes for t: its host-side
// buffer where the kernels read a device copy, else the kernels' own.
func (e *Executor) hostSide(t *op.Tensor) (*gpu.Buffer, error) {
	if host, ok := e.hostInputs[t]; ok {
		return host, nil
	}
	return e.Buffer(t)
}

// Write implements op.Executor.
func (e *Executor) Write(t *op.Tensor, data []float32) error {
	b, err := e.hostSide(t)
	if err != nil {
		return err
	}
	if len(data) != t.Len() {
		return fmt.Errorf("writing %d values into %s", len(data), t)
	}
	return e.dev.Upload(b, gpu.Float32Bytes(data))
}

// Read implements op.Executor.
func (e *Executor) Read(t *op.Tensor) ([]float32, error) {
	b, err := e.hostSide(t)
	if err != nil {
		return nil, err
	}
	out := make([]float32, t.Len())
	return out, e.dev.Download(b, gpu.Float32Bytes(out))
}

// Run implements op.Executor: one submit of the plan's recording, then a wait.
func (e *Executor) Run(p *op.Plan) error {
	rec, ok := e.recs[p]
	if !ok {
		return fmt.Errorf("plan not recorded by this executor")
	}
	return rec.Run()
}

// maxDispatchesPerOp bounds the dispatches one op records in a timed
// recording: batch norm records a reduction and an elementwise pass, a
// filter gradient one dispatch per part of a large batch.
const maxDispatchesPerOp = 16

// Timings returns each op's device time in the plan's last Run, the sum of
// its dispatches', in the plan's order.
func (e *Executor) Timings(p *op.Plan) ([]gpu.Timing, error) {
	rec, ok := e.recs[p]
	if !ok {
		return nil, fmt.Errorf("plan not recorded by this executor")
	}
	dispatches, err := rec.Timings()
	if err != nil {
		return nil, err
	}
	out := make([]gpu.Timing, len(p.Ops))
	next := 0
	for i, o := range p.Ops {
		out[i].Kernel = o.Kernel()
		for _, d := range dispatches[next : next+e.dispatches[p][i]] {
			out[i].Duration += d.Duration
		}
		next += e.dispatches[p][i]
	}
	return out, nil
}

// Close implements op.Executor: it frees the recordings and every buffer.
func (e *Executor) Close() error {
	for _, rec := range e.recs {
		rec.Destroy()
	}
	e.recs = nil
	e.arena.Free()
	return nil
}

// groups is how many workgroups of size local cover n items.
func groups(n, local int) uint32 { return uint32((n + local - 1) / local) }
