package check

import (
	"fmt"
	"math"
	"math/rand/v2"
	"time"

	"dcganvk/gpu"
	"dcganvk/nn/dcgan"
	"dcganvk/nn/op"
	"dcganvk/nn/ref"
	"dcganvk/nn/vkexec"
)

// StepThreshold is the largest relative difference the whole train step may
// show in a loss or a gradient.
const StepThreshold = 1e-4

// TensorDiff is the relative difference ||device - cpu|| / ||cpu|| of one tensor.
type TensorDiff struct {
	Name    string  `json:"name"`
	RelDiff float64 `json:"rel_diff"`
}

// ParamDiff compares a parameter tensor after the Adam update. Flipped
// counts the elements whose update went the other way on the device: Adam's
// first step moves each weight by about lr·sign(gradient), so a gradient
// within rounding of zero may flip; it is reported, not failed on.
type ParamDiff struct {
	Name     string  `json:"name"`
	RelDiff  float64 `json:"rel_diff"`
	Flipped  int     `json:"flipped"`
	Elements int     `json:"elements"`
}

// StepReport is the comparison of one whole train step on both executors.
type StepReport struct {
	Batch      int          `json:"batch"`
	Losses     []TensorDiff `json:"losses"`
	Gradients  []TensorDiff `json:"gradients"`
	State      []TensorDiff `json:"batchnorm_state"`
	Params     []ParamDiff  `json:"params"`
	MaxRelDiff float64      `json:"max_rel_diff"`
	Threshold  float64      `json:"threshold"`
	Pass       bool         `json:"pass"`
	DeviceMS   float64      `json:"device_ms"`
	CPUMS      float64      `json:"cpu_ms"`
}

// RelDiff is ||got - want|| / ||want|| (||got|| when want is zero; NaN when
// got holds a NaN).
func RelDiff(got, want []float32) float64 {
	var num, den, dev float64
	for i := range want {
		d := float64(got[i]) - float64(want[i])
		num += d * d
		den += float64(want[i]) * float64(want[i])
		dev += float64(got[i]) * float64(got[i])
	}
	if den == 0 {
		return math.Sqrt(dev)
	}
	return math.Sqrt(num / den)
}

// stepPair is the train step set up on both executors from the same state.
type stepPair struct {
	step    *dcgan.TrainStep
	dev     *vkexec.Executor
	cpu     *ref.Executor
	initial map[*op.Tensor][]float32
}

func newStepPair(ctx *gpu.Context, batch int, seed uint64) (*stepPair, error) {
	count := 2*batch + 7
	s, err := dcgan.NewTrainStep(batch, count)
	if err != nil {
		return nil, err
	}
	dev, err := vkexec.New(ctx, vkexec.Options{}, s.Plan)
	if err != nil {
		return nil, err
	}
	p := &stepPair{step: s, dev: dev, cpu: ref.New(s.Plan), initial: s.InitialState(seed)}
	rng := rand.New(rand.NewPCG(seed, 1))
	p.initial[s.Images] = RandomInput(s.Images, rng)
	order := make([]uint32, count)
	for i, j := range rng.Perm(count) {
		order[i] = uint32(j)
	}
	p.initial[s.Order] = op.AsFloat32(order)
	p.initial[s.Params] = dcgan.StepParams(1, seed, uint32(batch/2+3), op.AdamLR).Words()
	for t, v := range p.initial {
		if err := dev.Write(t, v); err != nil {
			dev.Close()
			return nil, err
		}
		if err := p.cpu.Write(t, v); err != nil {
			dev.Close()
			return nil, err
		}
	}
	return p, nil
}

// Step runs one whole train step (both networks forward, both backward, both
// Adam updates) on the device and on the CPU from the same weights and RNG
// seed, and compares losses, gradients, batch-norm state and parameters.
func Step(ctx *gpu.Context, batch int, seed uint64) (StepReport, error) {
	p, err := newStepPair(ctx, batch, seed)
	if err != nil {
		return StepReport{}, err
	}
	defer p.dev.Close()
	rep := StepReport{Batch: batch, Threshold: StepThreshold}
	start := time.Now()
	if err := p.dev.Run(p.step.Plan); err != nil {
		return rep, fmt.Errorf("device step: %w", err)
	}
	rep.DeviceMS = float64(time.Since(start).Microseconds()) / 1000
	start = time.Now()
	if err := p.cpu.Run(p.step.Plan); err != nil {
		return rep, fmt.Errorf("CPU step: %w", err)
	}
	rep.CPUMS = float64(time.Since(start).Microseconds()) / 1000
	return rep, p.compare(&rep)
}

func (p *stepPair) compare(rep *StepReport) error {
	s := p.step
	add := func(out *[]TensorDiff, tensors ...*op.Tensor) error {
		for _, t := range tensors {
			got, err := p.dev.Read(t)
			if err != nil {
				return err
			}
			want, err := p.cpu.Read(t)
			if err != nil {
				return err
			}
			d := TensorDiff{Name: t.Name, RelDiff: RelDiff(got, want)}
			*out = append(*out, d)
			if worse(d.RelDiff, rep.MaxRelDiff) {
				rep.MaxRelDiff = d.RelDiff
			}
		}
		return nil
	}
	if err := add(&rep.Losses, s.GenLoss, s.DiscLossReal, s.DiscLossFake); err != nil {
		return err
	}
	if err := add(&rep.Gradients, append(s.GGrad.Views(), s.DGrad.Views()...)...); err != nil {
		return err
	}
	for _, bn := range s.BN {
		if err := add(&rep.State, bn.MovingMean, bn.MovingVar); err != nil {
			return err
		}
	}
	rep.Pass = rep.MaxRelDiff <= rep.Threshold
	for _, t := range append(s.G.Views(), s.D.Views()...) {
		d, err := p.paramDiff(t)
		if err != nil {
			return err
		}
		rep.Params = append(rep.Params, d)
	}
	return nil
}

// paramDiff compares a parameter after the update and counts the elements
// whose update has the other sign on the device.
func (p *stepPair) paramDiff(t *op.Tensor) (ParamDiff, error) {
	got, err := p.dev.Read(t)
	if err != nil {
		return ParamDiff{}, err
	}
	want, err := p.cpu.Read(t)
	if err != nil {
		return ParamDiff{}, err
	}
	before := p.initial[t]
	if before == nil {
		before = make([]float32, t.Len())
	}
	d := ParamDiff{Name: t.Name, RelDiff: RelDiff(got, want), Elements: t.Len()}
	for i := range got {
		if (got[i]-before[i])*(want[i]-before[i]) < 0 {
			d.Flipped++
		}
	}
	return d, nil
}
