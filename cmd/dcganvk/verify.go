package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"text/tabwriter"

	"github.com/urfave/cli/v2"

	"dcganvk/gpu"
	"dcganvk/nn/check"
	"dcganvk/nn/dcgan"
	"dcganvk/nn/op"
	"dcganvk/nn/vkexec"
)

// verifyReport is what `verify --json` prints.
type verifyReport struct {
	Device string `json:"device"`
	// Variants are the kernel variants the device ran.
	Variants vkexec.Variants   `json:"variants"`
	Geometry string            `json:"geometry"`
	Batch    int               `json:"batch"`
	Kernels  []check.Result    `json:"kernels"`
	Step     *check.StepReport `json:"step"`
	Pass     bool              `json:"pass"`
}

func verifyCommand() *cli.Command {
	return &cli.Command{
		Name:  "verify",
		Usage: "check every kernel and a whole train step on the device against the CPU reference",
		Description: "Runs every kernel of the DCGAN train step, and of the generator in inference mode, at\n" +
			"its real shapes (batch from --batch) on the device and on the plain-Go CPU reference from the\n" +
			"same random inputs, then one whole train step (both networks forward and backward, both Adam\n" +
			"updates) on both from the same weights and RNG seed. Each kernel must reach a normalized MSE\n" +
			"of at most 1e-9 and give the same bits when rerun; the step's losses and gradients must agree\n" +
			"to a relative difference of 1e-4 when the CPU takes the device's ReLU/LeakyReLU branches\n" +
			"(elements within rounding of zero can take the other branch in independent runs: they are\n" +
			"counted and that difference is reported too). Exits non-zero when anything fails. The CPU\n" +
			"side takes minutes at batch 256. --dump DIR also writes step 3 on the device (after two\n" +
			"warm-up steps) as .npy files with an index.json, for tools/peer/step_check.py.",
		Flags: append(append(deviceFlags(),
			&cli.BoolFlag{Name: "cpu-ref", Usage: "compare against the CPU reference (the only reference there is; required)"},
			&cli.IntFlag{Name: "batch", Value: 256, Usage: "batch size of the shapes checked"},
			&cli.Uint64Flag{Name: "seed", Value: 1, Usage: "seed of the random inputs and weights"},
			&cli.BoolFlag{Name: "json", Usage: "print the report as JSON on stdout"},
			&cli.StringFlag{Name: "dump", Usage: "also write one train step's inputs and outputs on the device as .npy files " +
				"with an index.json into `DIR` (for tools/peer/step_check.py)"},
		), geometryFlagDefs()...),
		Action: runVerify,
	}
}

func runVerify(c *cli.Context) error {
	if !c.Bool("cpu-ref") {
		return errors.New("verify compares against the CPU reference: pass --cpu-ref")
	}
	batch := c.Int("batch")
	if batch < 2 {
		return fmt.Errorf("--batch %d: need at least 2", batch)
	}
	geo, err := geometryFlags(c)
	if err != nil {
		return err
	}
	dev, err := gpu.Open(gpuOptions(c))
	if err != nil {
		return err
	}
	rep, runErr := verify(dev, geo, batch, c.Uint64("seed"))
	if dir := c.String("dump"); runErr == nil && dir != "" {
		if runErr = dumpStep(dev, geo, batch, c.Uint64("seed"), dir); runErr == nil {
			fmt.Fprintf(os.Stderr, "verify: step %d at batch %d written to %s\n", dumpWarmup+1, batch, dir)
		}
	}
	closeErr := dev.Close()
	if runErr != nil {
		return runErr
	}
	if closeErr != nil {
		return closeErr
	}
	if c.Bool("json") {
		if err := printJSON(c.App.Writer, rep); err != nil {
			return err
		}
	} else {
		printVerify(c.App.Writer, rep)
	}
	if !rep.Pass {
		return errors.New("verify failed: see the rows marked FAIL")
	}
	return nil
}

func verify(dev *gpu.Device, geo dcgan.Geometry, batch int, seed uint64) (*verifyReport, error) {
	step, err := dcgan.NewTrainStep(geo, batch, 2*batch+7)
	if err != nil {
		return nil, err
	}
	// The sample grid's generator in inference mode adds batchnorm_infer_fwd.
	sampler, err := dcgan.NewSampler(step.G, step.BN, batch)
	if err != nil {
		return nil, err
	}
	variants, err := vkexec.ParseVariants(dev.Kernels, dev.Info.Type)
	if err != nil {
		return nil, err
	}
	rep := &verifyReport{Device: dev.Info.Name, Variants: variants, Geometry: geo.String(), Batch: batch, Pass: true}
	rep.Kernels, err = check.Kernels(dev, seed, func(i, n int, o op.Op) {
		fmt.Fprintf(os.Stderr, "verify: kernel %d/%d %s %s\n", i+1, n, o.Kernel(), o.Shape())
	}, step.Plan, sampler.Plan)
	if err != nil {
		return nil, err
	}
	for _, k := range rep.Kernels {
		rep.Pass = rep.Pass && k.Pass
	}
	fmt.Fprintf(os.Stderr, "verify: whole train step at %s, batch %d\n", geo, batch)
	s, err := check.Step(dev, geo, batch, seed)
	if err != nil {
		return nil, err
	}
	rep.Step = &s
	rep.Pass = rep.Pass && s.Pass
	if msgs := gpu.ValidationMessages(); len(msgs) > 0 {
		return nil, fmt.Errorf("validation layer reported: %v", msgs)
	}
	return rep, nil
}

func passWord(ok bool) string {
	if ok {
		return "pass"
	}
	return "FAIL"
}

func printVerify(w io.Writer, rep *verifyReport) {
	fmt.Fprintf(w, "device: %s, images %s, batch %d\n\n", rep.Device, rep.Geometry, rep.Batch)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "kernel\tshape\tmax abs err\tNMSE\tthreshold\tresult\tdevice ms\tCPU ms")
	for _, k := range rep.Kernels {
		result := passWord(k.Pass)
		if !k.Deterministic {
			result += " (bits differ on rerun)"
		}
		fmt.Fprintf(tw, "%s\t%s\t%.3g\t%.3g\t%.0e\t%s\t%.1f\t%.1f\n",
			k.Name, k.Shape, k.MaxAbsErr, k.NMSE, k.Threshold, result, k.DeviceMS, k.CPUMS)
	}
	tw.Flush()
	s := rep.Step
	fmt.Fprintf(w, "\nwhole train step: device %.0f ms, CPU %.0f ms\n", s.DeviceMS, s.CPUMS)
	fmt.Fprintf(w, "  independent runs: max_rel_diff %.3g, %d activation elements took the other ReLU/LeakyReLU branch\n",
		s.MaxRelDiff, s.BranchFlips)
	fmt.Fprintf(w, "  same branches:    max_rel_diff %.3g (threshold %.0e) %s\n\n",
		s.MaxRelDiffSameBranches, s.Threshold, passWord(s.Pass))
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "tensor\t||device-cpu||/||cpu||\tsame branches")
	same := map[string]float64{}
	for _, d := range s.SameBranches {
		same[d.Name] = d.RelDiff
	}
	for _, group := range [][]check.TensorDiff{s.Losses, s.Gradients, s.State} {
		for _, d := range group {
			if v, ok := same[d.Name]; ok {
				fmt.Fprintf(tw, "%s\t%.3g\t%.3g\n", d.Name, d.RelDiff, v)
			} else {
				fmt.Fprintf(tw, "%s\t%.3g\t\n", d.Name, d.RelDiff)
			}
		}
	}
	tw.Flush()
	fmt.Fprintln(w, "\nparameters after the Adam update (reported, not failed on):")
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "parameter\trel diff\tupdates the other way")
	for _, p := range s.Params {
		fmt.Fprintf(tw, "%s\t%.3g\t%d of %d\n", p.Name, p.RelDiff, p.Flipped, p.Elements)
	}
	tw.Flush()
}
