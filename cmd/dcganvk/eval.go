package main

import (
	"os"

	"github.com/urfave/cli/v2"

	"dcganvk/train/eval"
)

func evalCommand() *cli.Command {
	return &cli.Command{
		Name:  "eval",
		Usage: "score a checkpoint's samples with the judge: FID, classifier score, confidence, digit shares, coverage",
		Description: "Draws --n images from the checkpoint's generator (inference mode; noise vectors 0..n-1 of --seed,\n" +
			"as `generate` numbers them), or reads the images of --images, and classifies them, and MNIST's\n" +
			"10000 test images, with the judge: an MNIST classifier trained by dcganvk on first use and cached\n" +
			"as DATA/" + eval.JudgeFile + " (see `dcganvk judge train`). It prints:\n" +
			"  FID          Fréchet distance between the judge's 128 features of the samples and of the test\n" +
			"               set, beside the floor of real digits (test half against half);\n" +
			"  score        exp(mean KL(p(y|x) || p(y))), 1 to 10;\n" +
			"  confidence   mean of each sample's top-class probability;\n" +
			"  shares       the share of samples the judge puts in each digit, and coverage: the digits\n" +
			"               with at least 2% of them;\n" +
			"and a collapse alarm when fewer than 8 digits are covered or one takes over 40%.",
		Flags: append(deviceFlags(),
			&cli.StringFlag{Name: "checkpoint", Usage: "a ckpt-EPOCH.safetensors file written by train"},
			&cli.StringFlag{Name: "images", Usage: "instead of --checkpoint: a .npy file of float32 images in [-1, 1], [N,28,28,1], [N,28,28] or [N,784] (generate --npy writes them)"},
			&cli.IntFlag{Name: "n", Value: 10000, Usage: "number of samples: noise vectors 0 to n-1"},
			&cli.Uint64Flag{Name: "seed", Usage: "seed of the noise vectors (default: the checkpoint's training seed)"},
			&cli.StringFlag{Name: "data", Value: eval.DefaultJudgeConfig().DataDir, Usage: "folder holding MNIST's test set (make data fills data/mnist) and the judge"},
			&cli.BoolFlag{Name: "json", Usage: "print the report as JSON on stdout"},
		),
		Action: func(c *cli.Context) error {
			cfg := eval.Config{Checkpoint: c.String("checkpoint"), Images: c.String("images"), N: c.Int("n"), DataDir: c.String("data"),
				GPU: gpuOptions(c), Version: version}
			if c.IsSet("seed") {
				seed := c.Uint64("seed")
				cfg.Seed = &seed
			}
			rep, err := eval.Run(cfg, os.Stderr)
			if err != nil {
				return err
			}
			if c.Bool("json") {
				return printJSON(c.App.Writer, rep)
			}
			rep.WriteTable(c.App.Writer)
			return nil
		},
	}
}
