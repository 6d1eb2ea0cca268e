package main

import (
	"fmt"
	"io"
	"os"
	"text/tabwriter"

	"github.com/urfave/cli/v2"

	"dcganvk/gpu"
	"dcganvk/nn/bench"
)

func benchCommand() *cli.Command {
	return &cli.Command{
		Name:  "bench",
		Usage: "time every kernel of the train step and the whole recorded step",
		Description: "Each kernel's device time comes from timestamp queries (median over --steps steps after a\n" +
			"warm-up); GFLOP/s and GB/s come from the FLOP and byte counts of each op. The whole step is\n" +
			"timed without timestamps: median milliseconds a step and images/s. --cpu-ref adds one step of\n" +
			"the CPU reference, timed op by op.",
		Flags: append(append(deviceFlags(),
			&cli.IntFlag{Name: "batch", Value: 256, Usage: "batch size"},
			&cli.IntFlag{Name: "steps", Value: 5, Usage: "timed steps after one warm-up step"},
			&cli.BoolFlag{Name: "cpu-ref", Usage: "also time one step of the CPU reference"},
			&cli.BoolFlag{Name: "json", Usage: "print the report as JSON on stdout"},
		), geometryFlagDefs()...),
		Action: func(c *cli.Context) error {
			if c.Int("batch") < 2 || c.Int("steps") < 1 {
				return fmt.Errorf("--batch %d --steps %d: need a batch of at least 2 and at least 1 step", c.Int("batch"), c.Int("steps"))
			}
			geo, err := geometryFlags(c)
			if err != nil {
				return err
			}
			dev, err := gpu.Open(gpuOptions(c))
			if err != nil {
				return err
			}
			if !dev.Info.Timestamps {
				dev.Close()
				return fmt.Errorf("%s has no timestamp queries: bench cannot time kernels on it", dev.Info.Name)
			}
			rep, err := bench.Run(dev, bench.Options{Geo: geo, Batch: c.Int("batch"), Steps: c.Int("steps"), CPURef: c.Bool("cpu-ref"),
				Progress: func(format string, args ...any) { fmt.Fprintf(os.Stderr, format+"\n", args...) }})
			if cerr := dev.Close(); err == nil {
				err = cerr
			}
			if err != nil {
				return err
			}
			if c.Bool("json") {
				return printJSON(c.App.Writer, rep)
			}
			printBench(c.App.Writer, rep, c.Bool("cpu-ref"))
			return nil
		},
	}
}

func printBench(w io.Writer, rep *bench.Report, cpu bool) {
	fmt.Fprintf(w, "device: %s, images %s, batch %d, median of %d steps\n\n", rep.Device, rep.Geometry, rep.Step.Batch, rep.Steps)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	header := "kernel\tshape\tcalls\tms\tGFLOP/s\tGB/s\tshare\t"
	if cpu {
		header += "CPU ms\tCPU GFLOP/s\t"
	}
	fmt.Fprintln(tw, header)
	for _, k := range rep.Kernels {
		fmt.Fprintf(tw, "%s\t%s\t%d\t%.3f\t%.2f\t%.2f\t%.1f%%\t", k.Name, k.Shape, k.Calls, k.MS, k.GFLOPS, k.GBPS, 100*k.Share)
		if cpu {
			fmt.Fprintf(tw, "%.1f\t%.2f\t", k.CPUMS, k.CPUGFLOPS)
		}
		fmt.Fprintln(tw)
	}
	tw.Flush()
	s := rep.Step
	fmt.Fprintf(w, "\nwhole step: %.1f ms, %.1f images/s\n", s.MS, s.ImagesPerSec)
	if cpu {
		fmt.Fprintf(w, "CPU reference: %.1f ms, %.1f images/s\n", s.CPUMS, s.CPUImagesSec)
	}
}
