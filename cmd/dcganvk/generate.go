package main

import (
	"os"

	"github.com/urfave/cli/v2"

	"dcganvk/train/latent"
)

// sourceFlags are the flags of the commands that draw from a checkpoint.
func sourceFlags() []cli.Flag {
	return append(deviceFlags(),
		&cli.StringFlag{Name: "checkpoint", Usage: "a ckpt-EPOCH.safetensors file written by train (required)"},
		&cli.Uint64Flag{Name: "seed", Usage: "seed of the numbered noise vectors (default: the checkpoint's training seed)"},
		&cli.BoolFlag{Name: "cpu-ref", Usage: "run the generator on the CPU reference instead of Vulkan"},
	)
}

// source reads the checkpoint flags of a command.
func source(c *cli.Context) latent.Source {
	s := latent.Source{Checkpoint: c.String("checkpoint"), CPURef: c.Bool("cpu-ref"), GPU: gpuOptions(c)}
	if c.IsSet("seed") {
		seed := c.Uint64("seed")
		s.Seed = &seed
	}
	return s
}

func generateCommand() *cli.Command {
	return &cli.Command{
		Name:   "generate",
		Usage:  "draw images from a checkpoint's generator (inference mode)",
		Before: requireFlags("checkpoint"),
		Description: "Noise vector i of --seed S is the same whatever --n is; without --seed or --noise the\n" +
			"checkpoint's training seed is used, whose first 16 vectors drew the training grids.",
		Flags: append(sourceFlags(),
			&cli.IntFlag{Name: "n", Value: 16, Usage: "number of images: vectors 0 to n-1"},
			&cli.StringFlag{Name: "noise", Usage: "read the noise from a float32 .npy file [N,100] instead"},
			&cli.BoolFlag{Name: "numbered", Usage: "write each image's vector index into its cell of the PNG"},
			&cli.StringFlag{Name: "png", Usage: "write a grid of the images to this PNG file"},
			&cli.StringFlag{Name: "npy", Usage: "write the images to this .npy file, float32 [N,S,S,C] in [-1,1] at the checkpoint's geometry"},
			&cli.StringFlag{Name: "save-noise", Usage: "write the noise vectors used to this .npy file, float32 [N,100] (for --noise)"},
		),
		Action: func(c *cli.Context) error {
			return latent.Generate(latent.GenerateConfig{Source: source(c), N: c.Int("n"), NoisePath: c.String("noise"),
				Numbered: c.Bool("numbered"), PNG: c.String("png"), NPY: c.String("npy"),
				SaveNoise: c.String("save-noise")}, os.Stderr)
		},
	}
}

func interpolateCommand() *cli.Command {
	return &cli.Command{
		Name:   "interpolate",
		Usage:  "walk the latent space from one numbered noise vector to another (spherical interpolation)",
		Before: requireFlags("checkpoint", "from", "to"),
		Flags: append(sourceFlags(),
			&cli.IntFlag{Name: "from", Usage: "index of the first vector (required)"},
			&cli.IntFlag{Name: "to", Usage: "index of the last vector (required)"},
			&cli.IntFlag{Name: "steps", Value: 8, Usage: "images along the path, both ends included"},
			&cli.StringFlag{Name: "png", Usage: "write the path as a strip to this PNG file"},
			&cli.StringFlag{Name: "gif", Usage: "write the path as an animation to this GIF file"},
			&cli.StringFlag{Name: "npy", Usage: "write the images to this .npy file, float32 [steps,S,S,C] at the checkpoint's geometry"},
		),
		Action: func(c *cli.Context) error {
			return latent.Interpolate(latent.InterpolateConfig{Source: source(c), From: c.Int("from"), To: c.Int("to"),
				Steps: c.Int("steps"), PNG: c.String("png"), GIF: c.String("gif"), NPY: c.String("npy")}, os.Stderr)
		},
	}
}

func arithCommand() *cli.Command {
	return &cli.Command{
		Name:   "arith",
		Usage:  "draw the image of a vector expression such as \"3+9-12\" or \"(3+5+7)/3 - (2+4+6)/3\"",
		Before: requireFlags("checkpoint", "expr"),
		Description: "Integers name noise vectors of --seed by index (see `generate --numbered`); + and - add\n" +
			"and subtract vectors; a number scales: \"2*3\" is twice vector 3, \"0.5*(3+4)\" and \"(3+4)/2\"\n" +
			"are averages. The picture shows each vector named, then the result, in one row. \"12\" alone\n" +
			"draws exactly image 12 of `generate --n 64` with the same checkpoint and seed.",
		Flags: append(sourceFlags(),
			&cli.StringFlag{Name: "expr", Usage: "the vector expression (required)"},
			&cli.StringFlag{Name: "png", Usage: "write the row to this PNG file"},
			&cli.StringFlag{Name: "npy", Usage: "write the images (operands, then the result) to this .npy file"},
		),
		Action: func(c *cli.Context) error {
			return latent.Arith(latent.ArithConfig{Source: source(c), Expr: c.String("expr"),
				PNG: c.String("png"), NPY: c.String("npy")}, os.Stderr)
		},
	}
}
