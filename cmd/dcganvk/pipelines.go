package main

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/urfave/cli/v2"

	"dcganvk/gpu"
	"dcganvk/nn/dcgan"
	"dcganvk/nn/judge"
	"dcganvk/nn/op"
	"dcganvk/nn/vkexec"
	"dcganvk/train"
	"dcganvk/train/eval"
)

// mnistTrainImages is the size of MNIST's training set, which the train
// step gathers its batches from.
const mnistTrainImages = 60000

// pipelinesReport is what `pipelines --json` prints.
type pipelinesReport struct {
	Device string `json:"device"`
	// Variants are the kernel variants the pipelines were built at.
	Variants vkexec.Variants `json:"variants"`
	Batch    int             `json:"batch"`
	// Statistics tells whether the driver reported statistics
	// (VK_KHR_pipeline_executable_properties).
	Statistics bool             `json:"statistics"`
	Kernels    []pipelineKernel `json:"kernels"`
	// Spills names the pipelines that spill (see spills).
	Spills []string `json:"spills"`
}

// pipelineKernel is one pipeline of a plan and the driver's statistics.
type pipelineKernel struct {
	Plan        string           `json:"plan"`
	Kernel      string           `json:"kernel"`
	Pipeline    string           `json:"pipeline"`
	Executables []gpu.Executable `json:"executables,omitempty"`
	// Spills tells whether any executable spills registers or uses
	// scratch memory (see spills).
	Spills bool `json:"spills"`
}

func pipelinesCommand() *cli.Command {
	return &cli.Command{
		Name:  "pipelines",
		Usage: "build every kernel's pipeline without running anything and print the driver's statistics",
		Description: "Builds every pipeline of the train step (at --batch), of the sampler (the generator in\n" +
			"inference mode, at the training grid's size) and of the judge's classifier, at the kernel\n" +
			"variants the device would take (or those --kernels forces), through the same code that\n" +
			"records them, but allocates no tensor and runs nothing: it works on a device with no memory,\n" +
			"such as RADV's null device (RADV_FORCE_FAMILY=navi21 with RADV's ICD in VK_DRIVER_FILES),\n" +
			"which compiles with the real AMD compiler. Building them all proves they compile. Where the\n" +
			"device offers VK_KHR_pipeline_executable_properties, each kernel's statistics follow as the\n" +
			"driver names them (registers, spills, shared memory, scratch, occupancy...); where it does\n" +
			"not, it says so. --fail-on-spill exits non-zero when a pipeline spills registers or uses\n" +
			"scratch memory (any non-zero statistic whose name says spill or scratch), or when the driver\n" +
			"reports no statistics to tell.",
		Flags: append(deviceFlags(),
			&cli.IntFlag{Name: "batch", Value: 256, Usage: "batch size of the train step"},
			&cli.BoolFlag{Name: "json", Usage: "print the report as JSON on stdout"},
			&cli.BoolFlag{Name: "fail-on-spill", Usage: "exit non-zero when any pipeline spills or the driver reports no statistics"},
		),
		Action: runPipelines,
	}
}

func runPipelines(c *cli.Context) error {
	if c.Int("batch") < 2 {
		return fmt.Errorf("--batch %d: need a batch of at least 2", c.Int("batch"))
	}
	plans, err := inspectedPlans(c.Int("batch"))
	if err != nil {
		return err
	}
	opts := gpuOptions(c)
	opts.PipelinesOnly = true
	dev, err := gpu.Open(opts)
	if err != nil {
		return err
	}
	rep, err := buildPipelines(dev, plans)
	if cerr := dev.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	rep.Batch = c.Int("batch")
	if c.Bool("json") {
		err = printJSON(c.App.Writer, rep)
	} else {
		printPipelines(c.App.Writer, rep)
	}
	if err != nil || !c.Bool("fail-on-spill") {
		return err
	}
	return rep.spillError()
}

// namedPlan is a plan with the name the report gives it.
type namedPlan struct {
	name string
	plan *op.Plan
}

// inspectedPlans are the plans whose pipelines the command builds: the
// train step, the sampler at the training grid's size and the judge's
// classifier at its evaluation batch.
func inspectedPlans(batch int) ([]namedPlan, error) {
	step, err := dcgan.NewTrainStep(dcgan.MNIST, batch, mnistTrainImages)
	if err != nil {
		return nil, err
	}
	sampler, err := dcgan.NewSampler(step.G, step.BN, train.GridSize)
	if err != nil {
		return nil, err
	}
	classifier, err := judge.NewClassifier(judge.NewWeights("judge"), eval.ClassifyBatch)
	if err != nil {
		return nil, err
	}
	return []namedPlan{{"step", step.Plan}, {"sampler", sampler.Plan}, {"judge", classifier.Plan}}, nil
}

// buildPipelines builds each plan's pipelines and reads their statistics.
func buildPipelines(dev *gpu.Device, plans []namedPlan) (*pipelinesReport, error) {
	variants, err := vkexec.ParseVariants(dev.Kernels, dev.Info.Type)
	if err != nil {
		return nil, err
	}
	rep := &pipelinesReport{Device: dev.Info.Name, Variants: variants, Statistics: dev.CapturesStatistics(),
		Kernels: []pipelineKernel{}, Spills: []string{}}
	for _, p := range plans {
		ks, err := vkexec.Pipelines(dev, p.plan)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", p.name, err)
		}
		for _, k := range ks {
			pk := pipelineKernel{Plan: p.name, Kernel: k.Spec.Shader, Pipeline: k.String()}
			if rep.Statistics {
				if pk.Executables, err = dev.Statistics(k); err != nil {
					return nil, err
				}
				if pk.Spills = spills(pk.Executables); pk.Spills {
					rep.Spills = append(rep.Spills, p.name+" "+pk.Pipeline)
				}
			}
			rep.Kernels = append(rep.Kernels, pk)
		}
	}
	return rep, nil
}

// spills tells whether any executable spills registers or uses scratch
// memory: a non-zero statistic whose name says spill or scratch (ACO's
// "Spilled SGPRs", "Spilled VGPRs" and "Scratch size", say).
func spills(exes []gpu.Executable) bool {
	for _, e := range exes {
		for _, s := range e.Statistics {
			name := strings.ToLower(s.Name)
			if (strings.Contains(name, "spill") || strings.Contains(name, "scratch")) && s.Number() != 0 {
				return true
			}
		}
	}
	return false
}

// spillError is --fail-on-spill's verdict.
func (r *pipelinesReport) spillError() error {
	if !r.Statistics {
		return fmt.Errorf("--fail-on-spill: %s reports no pipeline statistics (no VK_KHR_pipeline_executable_properties), so spills cannot be told", r.Device)
	}
	if len(r.Spills) > 0 {
		return errors.New("--fail-on-spill: these pipelines spill registers or use scratch memory:\n  " + strings.Join(r.Spills, "\n  "))
	}
	return nil
}

// printPipelines prints one row a pipeline: its plan, its kernel, where the
// driver reports them the statistics of its executable (one column a
// statistic, in the order the driver names them), and its constants.
func printPipelines(w io.Writer, r *pipelinesReport) {
	fmt.Fprintf(w, "device: %s, train step batch %d\n", r.Device, r.Batch)
	if !r.Statistics {
		fmt.Fprintf(w, "the device does not offer VK_KHR_pipeline_executable_properties: no statistics, but every pipeline below compiled\n")
	}
	var columns []string
	seen := map[string]bool{}
	for _, k := range r.Kernels {
		for _, e := range k.Executables {
			for _, s := range e.Statistics {
				if !seen[s.Name] {
					seen[s.Name] = true
					columns = append(columns, s.Name)
				}
			}
		}
	}
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "plan\tkernel\t%s\tpipeline\n", strings.Join(columns, "\t"))
	for _, k := range r.Kernels {
		values := map[string]string{}
		for _, e := range k.Executables {
			for _, s := range e.Statistics {
				values[s.Name] = fmt.Sprint(s.Value)
			}
		}
		row := []string{k.Plan, k.Kernel}
		for _, c := range columns {
			row = append(row, values[c])
		}
		row = append(row, k.Pipeline)
		fmt.Fprintln(tw, strings.Join(row, "\t"))
	}
	tw.Flush()
	fmt.Fprintf(w, "\n%d pipelines built", len(r.Kernels))
	if r.Statistics {
		fmt.Fprintf(w, ", %d spill", len(r.Spills))
	}
	fmt.Fprintln(w)
}
