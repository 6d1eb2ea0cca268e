package main

import (
	"fmt"
	"os"

	"github.com/urfave/cli/v2"

	"dcganvk/train/eval"
)

func judgeCommand() *cli.Command {
	d := eval.DefaultJudgeConfig()
	return &cli.Command{
		Name:  "judge",
		Usage: "the MNIST classifier that `dcganvk eval` scores samples with",
		Subcommands: []*cli.Command{{
			Name:  "train",
			Usage: "train the judge on MNIST and cache it as DATA/" + eval.JudgeFile,
			Description: "Trains the judge (two stride-2 5x5 convolutions with bias, LeakyReLU and, in training,\n" +
				"dropout; a Dense layer of 128 features; a Dense layer to 10 digits) on MNIST's training set with\n" +
				"Adam and softmax cross-entropy on the Vulkan kernels, deterministically from --seed, and prints\n" +
				"its accuracy on the test set. It replaces the cache only if the accuracy reaches 99%.\n" +
				"`dcganvk eval` trains it with the defaults on first use.",
			Flags: append(deviceFlags(),
				&cli.StringFlag{Name: "data", Value: d.DataDir, Usage: "folder holding MNIST's four IDX files (make data fills data/mnist); the judge is written there"},
				&cli.Uint64Flag{Name: "seed", Value: d.Seed, Usage: "seed of the initial weights and the shuffles"},
				&cli.IntFlag{Name: "epochs", Value: d.Epochs, Usage: "epochs over the 60000 training images"},
				&cli.IntFlag{Name: "batch", Value: d.Batch, Usage: "batch size"},
				&cli.Float64Flag{Name: "lr", Value: d.LR, Usage: "Adam's peak learning rate (falling to 0 along a cosine)"},
				&cli.BoolFlag{Name: "json", Usage: "print the accuracy and the training time as JSON on stdout"},
			),
			Action: func(c *cli.Context) error {
				cfg := eval.JudgeConfig{DataDir: c.String("data"), Seed: c.Uint64("seed"), Epochs: c.Int("epochs"),
					Batch: c.Int("batch"), LR: c.Float64("lr"), GPU: gpuOptions(c), Version: version}
				rep, err := eval.TrainJudge(cfg, os.Stderr)
				if err != nil {
					return err
				}
				if c.Bool("json") {
					return printJSON(c.App.Writer, rep)
				}
				fmt.Fprintf(c.App.Writer, "test accuracy %.2f%%, trained in %.0f s\n", 100*rep.Accuracy, rep.Seconds)
				return nil
			},
		}},
	}
}
