package main

import (
	"bytes"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"reflect"
	"unsafe"

	"codeberg.org/sbinet/npyio"

	"dcganvk/gpu"
	"dcganvk/nn/dcgan"
	"dcganvk/nn/op"
	"dcganvk/nn/ref"
	"dcganvk/nn/vkexec"
)

// dumpWarmup is the number of train steps `verify --dump` runs before the
// step it writes, so that Adam's moments are not zero: from zero moments
// Adam's first step moves every weight by about lr·sign(gradient), which
// would leave most of the update's arithmetic untested.
const dumpWarmup = 2

// dumpIndex is the index.json of `verify --dump`: the step's settings, its
// losses, and the .npy file (a path relative to the dump's folder) of every
// tensor. Every .npy is float32, in C order, with the tensor's shape.
type dumpIndex struct {
	Device   string          `json:"device"`
	Variants vkexec.Variants `json:"variants"`
	Batch    int             `json:"batch"`
	Seed     uint64          `json:"seed"`
	// Step is Adam's t of the dumped step, after Warmup steps from Keras'
	// initial weights.
	Step   uint32 `json:"step"`
	Warmup int    `json:"warmup_steps"`
	// LR is Adam's learning rate; LRT the bias-corrected rate the device
	// used, lr·sqrt(1-β2^t)/(1-β1^t) rounded to float32.
	LR          float64 `json:"lr"`
	LRT         float32 `json:"lr_t"`
	Beta1       float32 `json:"adam_beta1"`
	Beta2       float32 `json:"adam_beta2"`
	AdamEps     float32 `json:"adam_epsilon"`
	BNEps       float32 `json:"bn_epsilon"`
	BNMomentum  float32 `json:"bn_momentum"`
	DropoutRate float32 `json:"dropout_rate"`
	LeakySlope  float32 `json:"leaky_slope"`
	// Inputs: "real" [n,S,S,C] and "noise" [n,100].
	Inputs map[string]dumpFile `json:"inputs"`
	// Masks are the dropout masks as 0/1, by the dropout layer's name:
	// d/real/dropout1, d/real/dropout2 (the real pass), d/fake/dropout1,
	// d/fake/dropout2 (the fake pass, which the generator's loss uses too).
	Masks map[string]dumpFile `json:"masks"`
	// Losses are generator, discriminator_real and discriminator_fake (the
	// discriminator's loss is their sum).
	Losses map[string]float32 `json:"losses"`
	// Activations are the step's inputs of its ReLUs and LeakyReLUs as the
	// device computed them (see activationNames), so that the check can
	// differentiate at the device's own side of every kink.
	Activations map[string]dumpFile `json:"activations"`
	// Fake is the generator's batch [n,S,S,C].
	Fake       dumpFile    `json:"fake"`
	Parameters []dumpParam `json:"parameters"`
	BatchNorm  []dumpBN    `json:"batchnorm"`
}

// dumpFile is one .npy file of a dump.
type dumpFile struct {
	File  string `json:"file"`
	Shape []int  `json:"shape"`
}

// dumpParam is one parameter tensor, by its Keras name: its value and Adam's
// moments before the step, its gradient, and all three after the update.
type dumpParam struct {
	Name     string `json:"name"`
	Network  string `json:"network"`
	Value    string `json:"value"`
	M        string `json:"m"`
	V        string `json:"v"`
	Gradient string `json:"gradient"`
	Updated  string `json:"updated"`
	MUpdated string `json:"m_updated"`
	VUpdated string `json:"v_updated"`
}

// dumpBN is one batch-norm layer's moving statistics before and after.
type dumpBN struct {
	Name                  string `json:"name"`
	MovingMean            string `json:"moving_mean"`
	MovingVar             string `json:"moving_variance"`
	MovingMeanUpdated     string `json:"moving_mean_updated"`
	MovingVarianceUpdated string `json:"moving_variance_updated"`
}

// stepDumper writes the tensors of one step on an executor into a folder.
type stepDumper struct {
	dir string
	e   op.Executor
}

// write reads t and writes it to PHASE/NAME.npy, NAME being t's name,
// returning that path.
func (d *stepDumper) write(phase string, t *op.Tensor) (string, error) {
	return d.writeAs(phase+"/"+t.Name, t)
}

// writeAs reads t and writes it to NAME.npy, returning that path.
func (d *stepDumper) writeAs(name string, t *op.Tensor) (string, error) {
	v, err := d.e.Read(t)
	if err != nil {
		return "", fmt.Errorf("reading %s: %w", t.Name, err)
	}
	return d.writeValues(name, v, t.Shape)
}

// writeValues writes v with the given shape to NAME.npy under the folder.
func (d *stepDumper) writeValues(name string, v []float32, shape []int) (string, error) {
	rel := name + ".npy"
	file := filepath.Join(d.dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		return "", fmt.Errorf("dump: %w", err)
	}
	var buf bytes.Buffer
	if err := npyio.Write(&buf, shaped(v, shape)); err != nil {
		return "", fmt.Errorf("encoding %s: %w", rel, err)
	}
	if err := os.WriteFile(file, buf.Bytes(), 0o644); err != nil {
		return "", fmt.Errorf("dump: %w", err)
	}
	return rel, nil
}

// shaped returns v as a Go slice of nested arrays of the given shape (a
// [][5][1][64]float32 for [5,5,1,64]), the form from which npyio writes
// that shape; the elements are v's, in the same (C) order.
func shaped(v []float32, shape []int) any {
	elem := reflect.TypeFor[float32]()
	for i := len(shape) - 1; i > 0; i-- {
		elem = reflect.ArrayOf(shape[i], elem)
	}
	s := reflect.MakeSlice(reflect.SliceOf(elem), shape[0], shape[0])
	if len(v) > 0 {
		// Nested arrays of float32 are laid out as len(v) contiguous float32s.
		copy(unsafe.Slice((*float32)(s.UnsafePointer()), len(v)), v)
	}
	return s.Interface()
}

// dumpStep runs dumpWarmup train steps on the device from the step's
// synthetic state (TrainStep.SyntheticState), then one more, and writes that step's inputs and outputs to dir
// with an index.json (see dumpIndex). The dropout masks are recomputed from
// the step's parameters with the CPU reference's Philox generator, which
// gives the device's bits.
func dumpStep(device *gpu.Device, geo dcgan.Geometry, batch int, seed uint64, dir string) error {
	s, err := dcgan.NewTrainStep(geo, batch, 2*batch+7)
	if err != nil {
		return err
	}
	variants, err := vkexec.ParseVariants(device.Kernels, device.Info.Type)
	if err != nil {
		return err
	}
	dev, err := vkexec.New(device, vkexec.Options{}, s.Plan)
	if err != nil {
		return fmt.Errorf("dump: %w", err)
	}
	defer dev.Close()
	if err := op.WriteAll(s.SyntheticState(seed), dev); err != nil {
		return fmt.Errorf("dump: writing the initial state: %w", err)
	}
	for t := 1; t <= dumpWarmup; t++ {
		p := dcgan.StepParams(uint32(t), seed, uint32((t-1)*batch), dcgan.AdamLR)
		if err := dev.Write(s.Params, p.Words()); err != nil {
			return fmt.Errorf("warm-up step %d: %w", t, err)
		}
		if err := dev.Run(s.Plan); err != nil {
			return fmt.Errorf("warm-up step %d: %w", t, err)
		}
	}
	p := dcgan.StepParams(dumpWarmup+1, seed, uint32(batch/2+3), dcgan.AdamLR)
	if err := dev.Write(s.Params, p.Words()); err != nil {
		return fmt.Errorf("dumped step: %w", err)
	}
	idx := &dumpIndex{Device: device.Info.Name, Variants: variants, Batch: batch, Seed: seed, Step: p.Step,
		Warmup: dumpWarmup, LR: dcgan.AdamLR, LRT: p.LRGen, Beta1: dcgan.AdamBeta1, Beta2: dcgan.AdamBeta2,
		AdamEps: dcgan.AdamEpsilon, BNEps: dcgan.BNEpsilon, BNMomentum: dcgan.BNMomentum, DropoutRate: dcgan.DropoutRate,
		LeakySlope: dcgan.LeakySlope, Inputs: map[string]dumpFile{}, Masks: map[string]dumpFile{},
		Losses: map[string]float32{}}
	d := &stepDumper{dir: dir, e: dev}
	params := dumpParams(s)
	for i := range params {
		if err := params[i].before(d); err != nil {
			return err
		}
	}
	bns := make([]dumpBN, len(s.BN))
	for i, bn := range s.BN {
		if bns[i], err = dumpBNBefore(d, bn); err != nil {
			return err
		}
	}
	if err := dev.Run(s.Plan); err != nil {
		return fmt.Errorf("dumped step: %w", err)
	}
	for i := range params {
		if err := params[i].after(d); err != nil {
			return err
		}
		idx.Parameters = append(idx.Parameters, params[i].files)
	}
	for i, bn := range s.BN {
		if err := dumpBNAfter(d, bn, &bns[i]); err != nil {
			return err
		}
	}
	idx.BatchNorm = bns
	for key, t := range map[string]*op.Tensor{"real": s.Real, "noise": s.Noise} {
		f, err := d.writeAs("input/"+key, t)
		if err != nil {
			return err
		}
		idx.Inputs[key] = dumpFile{File: f, Shape: t.Shape}
	}
	if idx.Fake.File, err = d.write("after", s.Fake); err != nil {
		return err
	}
	idx.Fake.Shape = s.Fake.Shape
	for key, t := range map[string]*op.Tensor{"generator": s.GenLoss, "discriminator_real": s.DiscLossReal,
		"discriminator_fake": s.DiscLossFake} {
		v, err := dev.Read(t)
		if err != nil {
			return fmt.Errorf("reading %s: %w", t.Name, err)
		}
		idx.Losses[key] = v[0]
	}
	if err := dumpMasks(d, s, p, idx); err != nil {
		return err
	}
	if idx.Activations, err = dumpActivations(d, s.Plan); err != nil {
		return err
	}
	return writeDumpIndex(dir, idx)
}

// activationNames names, by their plan tensor, the inputs of the step's
// kinks: the generator's batch-norm outputs (each before a ReLU) and the
// discriminator's conv outputs over the real then the fake batch (before
// their bias and LeakyReLU); and D's logits, whose rounding bounds how well
// its dense bias gradient (a mean that nearly cancels) can agree.
var activationNames = map[string]string{
	"g/bn0": "generator/bn0", "g/bn1": "generator/bn1", "g/bn2": "generator/bn2",
	"d/conv1": "discriminator/conv1", "d/conv2": "discriminator/conv2", "d/logit": "discriminator/logit",
}

// dumpActivations writes the tensors of activationNames after the step.
// Float32 rounding can put an input that lies within rounding of zero on
// either side of its kink, which can change a whole batch-norm column of the
// gradient; with these the check takes the device's side.
func dumpActivations(d *stepDumper, plan *op.Plan) (map[string]dumpFile, error) {
	out := map[string]dumpFile{}
	for _, t := range plan.Tensors() {
		name, ok := activationNames[t.Name]
		if !ok {
			continue
		}
		f, err := d.write("after", t)
		if err != nil {
			return nil, err
		}
		out[name] = dumpFile{File: f, Shape: t.Shape}
	}
	if len(out) != len(activationNames) {
		return nil, fmt.Errorf("dump: the step's plan has %d of the %d activation tensors", len(out), len(activationNames))
	}
	return out, nil
}

// paramDump is one parameter tensor with its gradient and Adam moments.
type paramDump struct {
	value, grad, m, v *op.Tensor
	files             dumpParam
}

// dumpParams lists every parameter of G and D in layout order.
func dumpParams(s *dcgan.TrainStep) []paramDump {
	var out []paramDump
	add := func(network string, value, grad, m, v []*op.Tensor) {
		for i := range value {
			out = append(out, paramDump{value: value[i], grad: grad[i], m: m[i], v: v[i],
				files: dumpParam{Name: value[i].Name, Network: network}})
		}
	}
	add("generator", s.G.Views(), s.GGrad.Views(), s.GMoment1.Views(), s.GMoment2.Views())
	add("discriminator", s.D.Views(), s.DGrad.Views(), s.DMoment1.Views(), s.DMoment2.Views())
	return out
}

// before writes the parameter and its moments before the step.
func (p *paramDump) before(d *stepDumper) (err error) {
	if p.files.Value, err = d.write("before", p.value); err != nil {
		return err
	}
	if p.files.M, err = d.write("before", p.m); err != nil {
		return err
	}
	p.files.V, err = d.write("before", p.v)
	return err
}

// after writes the gradient, and the parameter and its moments after the step.
func (p *paramDump) after(d *stepDumper) (err error) {
	if p.files.Gradient, err = d.write("after", p.grad); err != nil {
		return err
	}
	if p.files.Updated, err = d.write("after", p.value); err != nil {
		return err
	}
	if p.files.MUpdated, err = d.write("after", p.m); err != nil {
		return err
	}
	p.files.VUpdated, err = d.write("after", p.v)
	return err
}

// dumpBNBefore writes a batch-norm layer's moving statistics before the step.
func dumpBNBefore(d *stepDumper, bn *dcgan.BNState) (f dumpBN, err error) {
	f.Name = path.Dir(bn.MovingMean.Name)
	if f.MovingMean, err = d.write("before", bn.MovingMean); err != nil {
		return f, err
	}
	f.MovingVar, err = d.write("before", bn.MovingVar)
	return f, err
}

// dumpBNAfter writes a batch-norm layer's moving statistics after the step.
func dumpBNAfter(d *stepDumper, bn *dcgan.BNState, f *dumpBN) (err error) {
	if f.MovingMeanUpdated, err = d.write("after", bn.MovingMean); err != nil {
		return err
	}
	f.MovingVarianceUpdated, err = d.write("after", bn.MovingVar)
	return err
}

// maskNames names the dropout streams of a step by the layer and pass
// they mask (nn/dcgan's stream constants).
var maskNames = map[uint32]string{
	dcgan.StreamDropout1: "d/real/dropout1", dcgan.StreamDropout2: "d/real/dropout2",
	dcgan.StreamDropout3: "d/fake/dropout1", dcgan.StreamDropout4: "d/fake/dropout2",
}

// dumpMasks writes the 0/1 dropout mask of every stream of the step's conv
// epilogues, each over its part of the epilogue's rows (one pass's batch),
// from the CPU reference's dropout of ones at the step's parameters.
func dumpMasks(d *stepDumper, s *dcgan.TrainStep, p op.StepParams, idx *dumpIndex) error {
	for _, o := range s.Plan.Ops {
		ep, ok := o.(*op.BiasLeakyDropout)
		if !ok {
			continue
		}
		shape := append([]int{ep.Y.Shape[0] / len(ep.Streams)}, ep.Y.Shape[1:]...)
		for _, stream := range ep.Streams {
			name, ok := maskNames[stream]
			if !ok {
				return fmt.Errorf("dropout stream %d of %s has no name", stream, ep.Y.Name)
			}
			ones, mask := make([]float32, ep.Y.Len()/len(ep.Streams)), make([]float32, ep.Y.Len()/len(ep.Streams))
			for i := range ones {
				ones[i] = 1
			}
			ref.Dropout(p, stream, ep.Rate, ones, mask)
			for i, v := range mask {
				if v != 0 {
					mask[i] = 1
				}
			}
			f, err := d.writeValues("input/mask/"+name, mask, shape)
			if err != nil {
				return err
			}
			idx.Masks[name] = dumpFile{File: f, Shape: shape}
		}
	}
	return nil
}

// writeDumpIndex writes the index as dir/index.json.
func writeDumpIndex(dir string, idx *dumpIndex) error {
	var buf bytes.Buffer
	if err := printJSON(&buf, idx); err != nil {
		return fmt.Errorf("dump index: %w", err)
	}
	if err := os.WriteFile(filepath.Join(dir, "index.json"), buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("dump index: %w", err)
	}
	return nil
}
