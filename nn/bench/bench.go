// Package bench times the DCGAN train step: every kernel on the device (from
// timestamp queries), the whole recorded step, and optionally the CPU
// reference beside them. `dcganvk bench` prints what it measures.
package bench

import (
	"slices"
	"time"

	"dcganvk/gpu"
	"dcganvk/nn/dcgan"
	"dcganvk/nn/op"
	"dcganvk/nn/ref"
	"dcganvk/nn/vkexec"
)

// Kernel is the time of one kernel at one shape within a train step.
type Kernel struct {
	Name  string `json:"name"`
	Shape string `json:"shape"`
	// Calls is how many times the step dispatches it.
	Calls int `json:"calls"`
	// MS is the median device time of one dispatch.
	MS     float64 `json:"ms"`
	GFLOPS float64 `json:"gflops"`
	GBPS   float64 `json:"gb_per_s"`
	// Share is the kernel's part of the summed device time of the step.
	Share float64 `json:"share"`
	// CPUMS is the CPU reference's time for one call (with --cpu-ref).
	CPUMS     float64 `json:"cpu_ms,omitempty"`
	CPUGFLOPS float64 `json:"cpu_gflops,omitempty"`
	flops     int64
	bytes     int64
	samples   []float64
}

// Step is the whole recorded train step.
type Step struct {
	Batch        int     `json:"batch"`
	MS           float64 `json:"ms"`
	ImagesPerSec float64 `json:"images_per_s"`
	CPUMS        float64 `json:"cpu_ms,omitempty"`
	CPUImagesSec float64 `json:"cpu_images_per_s,omitempty"`
}

// Report is everything bench measures.
type Report struct {
	Device string `json:"device"`
	// Variants are the kernel variants the device ran.
	Variants vkexec.Variants `json:"variants"`
	Geometry string          `json:"geometry"`
	Steps    int             `json:"steps"`
	Kernels  []*Kernel       `json:"kernels"`
	Step     Step            `json:"step"`
}

// Options says what to measure.
type Options struct {
	Geo   dcgan.Geometry
	Batch int
	// Steps is the number of timed steps after one warm-up step.
	Steps int
	// CPURef also times one step of the CPU reference.
	CPURef   bool
	Progress func(format string, args ...any)
}

// Run measures the train step on the device.
func Run(dev *gpu.Device, opts Options) (*Report, error) {
	s, err := dcgan.NewTrainStep(opts.Geo, opts.Batch, 4*opts.Batch)
	if err != nil {
		return nil, err
	}
	state := s.SyntheticState(1)
	variants, err := vkexec.ParseVariants(dev.Kernels, dev.Info.Type)
	if err != nil {
		return nil, err
	}
	rep := &Report{Device: dev.Info.Name, Geometry: opts.Geo.String(), Variants: variants, Steps: opts.Steps, Step: Step{Batch: opts.Batch}}
	if err := rep.timeDevice(dev, s, state, opts); err != nil {
		return nil, err
	}
	if opts.CPURef {
		opts.Progress("bench: one step of the CPU reference")
		if err := rep.timeCPU(s, state); err != nil {
			return nil, err
		}
	}
	return rep, nil
}

// timeDevice runs the step with per-dispatch timestamps (for the kernels)
// and without them (for the step's wall time).
func (r *Report) timeDevice(dev *gpu.Device, s *dcgan.TrainStep, state map[*op.Tensor][]float32, opts Options) error {
	timed, err := vkexec.New(dev, vkexec.Options{Timestamps: true}, s.Plan)
	if err != nil {
		return err
	}
	defer timed.Close()
	if err := op.WriteAll(state, timed); err != nil {
		return err
	}
	byKey := map[string]*Kernel{}
	for i := 0; i <= opts.Steps; i++ {
		opts.Progress("bench: kernel timings, step %d of %d (+1 warm-up)", i, opts.Steps)
		if err := timed.Run(s.Plan); err != nil {
			return err
		}
		timings, err := timed.Timings(s.Plan)
		if err != nil {
			return err
		}
		if i > 0 {
			r.addTimings(s.Plan, timings, byKey)
		}
	}
	r.summarise()

	plain, err := vkexec.New(dev, vkexec.Options{}, s.Plan)
	if err != nil {
		return err
	}
	defer plain.Close()
	if err := op.WriteAll(state, plain); err != nil {
		return err
	}
	var walls []float64
	for i := 0; i <= opts.Steps; i++ {
		opts.Progress("bench: whole step, %d of %d (+1 warm-up)", i, opts.Steps)
		start := time.Now()
		if err := plain.Run(s.Plan); err != nil {
			return err
		}
		if i > 0 {
			walls = append(walls, ms(time.Since(start)))
		}
	}
	r.Step.MS = median(walls)
	r.Step.ImagesPerSec = float64(r.Step.Batch) / (r.Step.MS / 1000)
	return nil
}

// addTimings adds one step's dispatch times, averaged per call of each
// kernel and shape.
func (r *Report) addTimings(p *op.Plan, timings []gpu.Timing, byKey map[string]*Kernel) {
	sums, calls := map[*Kernel]float64{}, map[*Kernel]int{}
	for i, o := range p.Ops {
		key := o.Kernel() + "|" + o.Shape()
		k, ok := byKey[key]
		if !ok {
			k = &Kernel{Name: o.Kernel(), Shape: o.Shape(), flops: o.FLOPs(), bytes: bytesMoved(o)}
			byKey[key] = k
			r.Kernels = append(r.Kernels, k)
		}
		sums[k] += ms(timings[i].Duration)
		calls[k]++
	}
	for k, total := range sums {
		k.Calls = calls[k]
		k.samples = append(k.samples, total/float64(calls[k]))
	}
}

// summarise turns the samples into medians, rates and shares.
func (r *Report) summarise() {
	var total float64
	for _, k := range r.Kernels {
		k.MS = median(k.samples)
		total += k.MS * float64(k.Calls)
		if k.MS > 0 {
			k.GFLOPS = float64(k.flops) / (k.MS * 1e6)
			k.GBPS = float64(k.bytes) / (k.MS * 1e6)
		}
	}
	for _, k := range r.Kernels {
		if total > 0 {
			k.Share = k.MS * float64(k.Calls) / total
		}
	}
}

// timeCPU runs one step of the CPU reference, op by op.
func (r *Report) timeCPU(s *dcgan.TrainStep, state map[*op.Tensor][]float32) error {
	cpu := ref.New(s.Plan)
	if err := op.WriteAll(state, cpu); err != nil {
		return err
	}
	start := time.Now()
	times, err := cpu.RunTimed(s.Plan)
	if err != nil {
		return err
	}
	r.Step.CPUMS = ms(time.Since(start))
	r.Step.CPUImagesSec = float64(r.Step.Batch) / (r.Step.CPUMS / 1000)
	sums := map[string]float64{}
	for i, o := range s.Plan.Ops {
		sums[o.Kernel()+"|"+o.Shape()] += ms(times[i])
	}
	for _, k := range r.Kernels {
		k.CPUMS = sums[k.Name+"|"+k.Shape] / float64(k.Calls)
		if k.CPUMS > 0 {
			k.CPUGFLOPS = float64(k.flops) / (k.CPUMS * 1e6)
		}
	}
	return nil
}

// bytesMoved counts the bytes of every tensor an op reads or writes once.
func bytesMoved(o op.Op) int64 {
	var n int64
	for _, t := range append(o.Reads(), o.Writes()...) {
		n += 4 * int64(t.Len())
	}
	return n
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func median(v []float64) float64 {
	if len(v) == 0 {
		return 0
	}
	s := slices.Clone(v)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}
