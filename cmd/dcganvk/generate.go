package main

import (
	"os"

	"github.com/urfave/cli/v2"

	"dcganvk/train"
)

func generateCommand() *cli.Command {
	return &cli.Command{
		Name:  "generate",
		Usage: "draw images from a checkpoint's generator (inference mode)",
		Description: "Noise vector i of --seed S is the same whatever --n is; without --seed or --noise the\n" +
			"checkpoint's training seed is used, whose first 16 vectors drew the training grids.",
		Flags: append(deviceFlags(),
			&cli.StringFlag{Name: "checkpoint", Required: true, Usage: "a ckpt-EPOCH.safetensors file written by train"},
			&cli.IntFlag{Name: "n", Value: 16, Usage: "number of images"},
			&cli.Uint64Flag{Name: "seed", Usage: "seed of the noise vectors (default: the checkpoint's training seed)"},
			&cli.StringFlag{Name: "noise", Usage: "read the noise from a float32 .npy file [N,100] instead"},
			&cli.StringFlag{Name: "png", Usage: "write a grid of the images to this PNG file"},
			&cli.StringFlag{Name: "npy", Usage: "write the images to this .npy file, float32 [N,28,28,1] in [-1,1]"},
			&cli.BoolFlag{Name: "cpu-ref", Usage: "run the generator on the CPU reference instead of Vulkan"},
		),
		Action: func(c *cli.Context) error {
			cfg := train.GenerateConfig{
				Checkpoint: c.String("checkpoint"), N: c.Int("n"), NoisePath: c.String("noise"),
				PNG: c.String("png"), NPY: c.String("npy"), CPURef: c.Bool("cpu-ref"), GPU: gpuOptions(c),
			}
			if c.IsSet("seed") {
				seed := c.Uint64("seed")
				cfg.Seed = &seed
			}
			return train.Generate(cfg, os.Stderr)
		},
	}
}
