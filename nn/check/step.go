package check

import (
	"fmt"
	"math"
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
//
// The two runs are independent, so an activation input within rounding of
// zero can take the other branch of ReLU or LeakyReLU on the CPU (slope 1
// against 0 or 0.3): a handful of such elements among millions moves the
// gradients behind them by up to 1e-3. BranchFlips counts them; the second
// comparison reruns the CPU step with each ReLU and LeakyReLU output taken
// from the device (so both take the same branches) and measures everything
// else. Pass requires MaxRelDiffSameBranches <= Threshold.
type StepReport struct {
	Batch       int          `json:"batch"`
	Losses      []TensorDiff `json:"losses"`
	Gradients   []TensorDiff `json:"gradients"`
	State       []TensorDiff `json:"batchnorm_state"`
	Params      []ParamDiff  `json:"params"`
	MaxRelDiff  float64      `json:"max_rel_diff"`
	BranchFlips int          `json:"branch_flips"`
	// SameBranches compares losses and gradients with the CPU following
	// the device's activation branches.
	SameBranches           []TensorDiff `json:"same_branches"`
	MaxRelDiffSameBranches float64      `json:"max_rel_diff_same_branches"`
	Threshold              float64      `json:"threshold"`
	Pass                   bool         `json:"pass"`
	DeviceMS               float64      `json:"device_ms"`
	CPUMS                  float64      `json:"cpu_ms"`
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

func newStepPair(device *gpu.Device, geo dcgan.Geometry, batch int, seed uint64) (*stepPair, error) {
	s, err := dcgan.NewTrainStep(geo, batch, 2*batch+7)
	if err != nil {
		return nil, err
	}
	dev, err := vkexec.New(device, vkexec.Options{}, s.Plan)
	if err != nil {
		return nil, err
	}
	p := &stepPair{step: s, dev: dev, cpu: ref.New(s.Plan), initial: s.SyntheticState(seed)}
	if err := op.WriteAll(p.initial, dev, p.cpu); err != nil {
		dev.Close()
		return nil, err
	}
	return p, nil
}

// Step runs one whole train step (both networks forward, both backward, both
// Adam updates) on the device and on the CPU from the same weights and RNG
// seed, and compares losses, gradients, batch-norm state and parameters, at
// geometry geo.
func Step(device *gpu.Device, geo dcgan.Geometry, batch int, seed uint64) (StepReport, error) {
	p, err := newStepPair(device, geo, batch, seed)
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
	if err := p.compare(&rep); err != nil {
		return rep, err
	}
	if err := p.compareSameBranches(&rep); err != nil {
		return rep, err
	}
	rep.Pass = rep.MaxRelDiffSameBranches <= rep.Threshold
	return rep, nil
}

// diffs appends the relative difference of each tensor between the device
// and a CPU executor to out, raising *max to the largest.
func (p *stepPair) diffs(cpu *ref.Executor, out *[]TensorDiff, max *float64, tensors ...*op.Tensor) error {
	for _, t := range tensors {
		got, err := p.dev.Read(t)
		if err != nil {
			return err
		}
		want, err := cpu.Read(t)
		if err != nil {
			return err
		}
		d := TensorDiff{Name: t.Name, RelDiff: RelDiff(got, want)}
		*out = append(*out, d)
		if worse(d.RelDiff, *max) {
			*max = d.RelDiff
		}
	}
	return nil
}

// lossesAndGradients lists the tensors whose difference max_rel_diff takes.
func (p *stepPair) lossesAndGradients() (losses, grads []*op.Tensor) {
	s := p.step
	return []*op.Tensor{s.GenLoss, s.DiscLossReal, s.DiscLossFake}, append(s.GGrad.Views(), s.DGrad.Views()...)
}

func (p *stepPair) compare(rep *StepReport) error {
	s := p.step
	losses, grads := p.lossesAndGradients()
	if err := p.diffs(p.cpu, &rep.Losses, &rep.MaxRelDiff, losses...); err != nil {
		return err
	}
	if err := p.diffs(p.cpu, &rep.Gradients, &rep.MaxRelDiff, grads...); err != nil {
		return err
	}
	for _, bn := range s.BN {
		if err := p.diffs(p.cpu, &rep.State, &rep.MaxRelDiff, bn.MovingMean, bn.MovingVar); err != nil {
			return err
		}
	}
	for _, t := range append(s.G.Views(), s.D.Views()...) {
		d, err := p.paramDiff(t)
		if err != nil {
			return err
		}
		rep.Params = append(rep.Params, d)
	}
	return nil
}

// compareSameBranches reruns the CPU step from the initial state, taking
// every ReLU and LeakyReLU output from the device, counts the elements whose
// branch differed in the independent run, and compares losses and gradients.
func (p *stepPair) compareSameBranches(rep *StepReport) error {
	cpu := ref.New(p.step.Plan)
	if err := op.WriteAll(p.initial, cpu); err != nil {
		return err
	}
	for _, o := range p.step.Plan.Ops {
		if err := cpu.RunOp(o); err != nil {
			return err
		}
		act, ok := o.(*op.ActivationFwd)
		if !ok || act.Fn == op.Tanh {
			continue
		}
		device, err := p.dev.Read(act.Y)
		if err != nil {
			return err
		}
		independent, err := p.cpu.Read(act.Y)
		if err != nil {
			return err
		}
		for i := range device {
			if (device[i] > 0) != (independent[i] > 0) {
				rep.BranchFlips++
			}
		}
		if err := cpu.Write(act.Y, device); err != nil {
			return err
		}
	}
	losses, grads := p.lossesAndGradients()
	return p.diffs(cpu, &rep.SameBranches, &rep.MaxRelDiffSameBranches, append(losses, grads...)...)
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
