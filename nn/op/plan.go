package op

import "fmt"

// Op is one kernel invocation of a plan.
type Op interface {
	// Kernel names the kernel, such as "conv2d_fwd" or "adam".
	Kernel() string
	// Shape describes the sizes the op runs at, for tables.
	Shape() string
	// Reads lists every tensor the op reads, including those it updates.
	Reads() []*Tensor
	// Writes lists every tensor the op writes. A tensor in both lists is
	// updated in place; one only here is a pure output.
	Writes() []*Tensor
	// FLOPs is the floating-point work of one run (a multiply-add is 2).
	FLOPs() int64
	// Validate checks that every tensor has the length the sizes call for.
	Validate() error
}

// Plan is an ordered list of ops over a set of tensors.
type Plan struct {
	Ops     []Op
	tensors []*Tensor
	seen    map[*Tensor]bool
}

// Add appends ops to the plan and registers their tensors; it fails on an op
// whose tensors do not fit its sizes.
func (p *Plan) Add(ops ...Op) error {
	for _, o := range ops {
		if err := o.Validate(); err != nil {
			return fmt.Errorf("%s %s: %w", o.Kernel(), o.Shape(), err)
		}
		p.Ops = append(p.Ops, o)
		for _, t := range append(o.Reads(), o.Writes()...) {
			p.Register(t)
		}
	}
	return nil
}

// CheckLen fails when a tensor does not hold n elements of type dt.
func CheckLen(t *Tensor, n int, dt DType) error {
	if t == nil {
		return fmt.Errorf("missing tensor (want %d elements)", n)
	}
	if t.Len() != n {
		return fmt.Errorf("tensor %s has %d elements, want %d", t, t.Len(), n)
	}
	if t.Type != dt {
		return fmt.Errorf("tensor %s has the wrong element type", t)
	}
	return nil
}

// CheckLens runs CheckLen over pairs of tensors and lengths, all float32.
func CheckLens(pairs ...any) error {
	for i := 0; i+1 < len(pairs); i += 2 {
		if err := CheckLen(pairs[i].(*Tensor), pairs[i+1].(int), F32); err != nil {
			return err
		}
	}
	return nil
}

// Register adds the storage of a tensor (its root, for a view) to the plan,
// whether or not an op touches it yet.
func (p *Plan) Register(t *Tensor) {
	if p.seen == nil {
		p.seen = map[*Tensor]bool{}
	}
	t = t.Root()
	if !p.seen[t] {
		p.seen[t] = true
		p.tensors = append(p.tensors, t)
	}
}

// Tensors lists the storage tensors of the plan (no views) in order of first use.
func (p *Plan) Tensors() []*Tensor { return p.tensors }

// PureOutputs lists the tensors an op writes without reading them.
func PureOutputs(o Op) []*Tensor {
	read := map[*Tensor]bool{}
	for _, t := range o.Reads() {
		read[t] = true
	}
	var out []*Tensor
	for _, t := range o.Writes() {
		if !read[t] {
			out = append(out, t)
		}
	}
	return out
}

// Executor runs a plan: on a Vulkan device (nn/vkexec) or on the CPU (nn/ref).
type Executor interface {
	// Write sets a tensor's contents (len(data) == t.Len()).
	Write(t *Tensor, data []float32) error
	// Read returns a copy of a tensor's contents.
	Read(t *Tensor) ([]float32, error)
	// Run runs every op of one of the executor's plans once, in order.
	Run(p *Plan) error
	// Close releases what the executor holds.
	Close() error
}

// WriteAll writes every tensor's values into each executor.
func WriteAll(values map[*Tensor][]float32, executors ...Executor) error {
	for t, v := range values {
		for _, e := range executors {
			if err := e.Write(t, v); err != nil {
				return err
			}
		}
	}
	return nil
}
