package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/urfave/cli/v2"

	"dcganvk/train"
)

func trainCommand() *cli.Command {
	d := train.DefaultConfig()
	return &cli.Command{
		Name:  "train",
		Usage: "train the notebook's DCGAN on MNIST or on your own pictures",
		Description: "Trains with the notebook's settings by default (50 epochs, batch 256, Adam lr 1e-4).\n" +
			"Writes to --out: image_at_epoch_NNNN.png after every epoch (4x4 grid of the 16 fixed noise\n" +
			"vectors), dcgan.gif, losses.csv, losses.png, run.json and ckpt-EPOCH.safetensors checkpoints.\n" +
			"Every --eval-every epochs and after the last it scores --eval-samples samples with the judge, as\n" +
			"`dcganvk eval` does (FID, classifier score, coverage; the judge is trained first if DATA holds\n" +
			"none), prints them, adds them to run.json and draws quality.png. A collapse alarm line is printed\n" +
			"(and kept in run.json) when fewer than 8 digits are covered, one takes over 40% of the samples, or\n" +
			"the discriminator's loss stays below 0.05 for a whole epoch; training goes on.\n" +
			"--data may also be a folder of pictures or a .npy array; the model's size and channels follow\n" +
			"the data (or --size, --channels). Only IDX data with labels at 28x28x1 has a judge: other data\n" +
			"trains without evaluation, and the discriminator-loss alarm still runs (see docs/data.md).\n" +
			"Ctrl-C stops after the current step and writes a checkpoint; --resume continues from it.",
		Flags: append(deviceFlags(),
			&cli.IntFlag{Name: "epochs", Value: d.Epochs, Usage: "epochs to train (in all, counting those a resumed run has done)"},
			&cli.IntFlag{Name: "batch", Value: d.Batch, Usage: "batch size (the last partial batch of each shuffle is left out)"},
			&cli.Float64Flag{Name: "lr", Value: d.LR, Usage: "Adam learning rate of both networks (positive and finite)"},
			&cli.Uint64Flag{Name: "seed", Value: d.Seed, Usage: "seed of the weights, the shuffles, the noise and the dropout masks"},
			&cli.StringFlag{Name: "data", Value: d.DataDir, Usage: "MNIST IDX folder (make data fills data/mnist), a folder of PNG/JPEG/GIF pictures " +
				"(searched recursively) or a .npy [N,H,W,C] of uint8 or float images (see docs/data.md)"},
			&cli.IntFlag{Name: "size", Usage: "image size of the model: 28, 32 or 64 (0: the data's; a folder's pictures: the largest their shorter sides reach)"},
			&cli.IntFlag{Name: "channels", Usage: "image channels of the model: 1 (grey) or 3 (colour) (0: the data's)"},
			&cli.StringFlag{Name: "background", Value: d.Background, Usage: "colour `#rrggbb` that transparent pictures are composed over"},
			&cli.StringFlag{Name: "out", Value: d.OutDir, Usage: "output folder; one train at a time holds it (the lock names its PID)"},
			&cli.IntFlag{Name: "checkpoint-every", Value: d.CheckpointEvery, Usage: "write a checkpoint every N epochs (and after the last)"},
			&cli.IntFlag{Name: "eval-every", Value: d.EvalEvery, Usage: "score the samples with the judge every N epochs and after the last (0: never)"},
			&cli.IntFlag{Name: "eval-samples", Value: d.EvalSamples, Usage: "samples each evaluation scores (noise vectors 0 to N-1 of --seed)"},
			&cli.BoolFlag{Name: "resume", Usage: "continue from the last checkpoint in --out"},
			&cli.IntFlag{Name: "limit", Usage: "use only N training images: the first N of IDX or .npy data, N spread evenly over a picture folder (0: all)"},
			&cli.BoolFlag{Name: "cpu-ref", Usage: "train on the plain-Go CPU reference instead of Vulkan (slow)"},
			&cli.BoolFlag{Name: "preview", Usage: "show the sample grid in a live window while training (closing it leaves training running)"},
			&cli.StringFlag{Name: "serve", Usage: "serve a live training page on ADDR: a port (8080, on 127.0.0.1 only) or HOST:PORT (0.0.0.0:8080 exposes it)"},
		),
		Action: func(c *cli.Context) error {
			cfg := train.Config{
				Epochs: c.Int("epochs"), Batch: c.Int("batch"), LR: c.Float64("lr"), Seed: c.Uint64("seed"),
				DataDir: c.String("data"), OutDir: c.String("out"), CheckpointEvery: c.Int("checkpoint-every"),
				EvalEvery: c.Int("eval-every"), EvalSamples: c.Int("eval-samples"),
				Resume: c.Bool("resume"), Limit: c.Int("limit"), Size: c.Int("size"), Channels: c.Int("channels"), Background: c.String("background"), CPURef: c.Bool("cpu-ref"), Preview: c.Bool("preview"),
				GPU: gpuOptions(c), Version: version,
			}
			ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
			defer stop()
			if c.IsSet("serve") {
				return trainServed(ctx, cfg, c.String("serve"))
			}
			return train.Run(ctx, cfg, os.Stderr)
		},
	}
}
