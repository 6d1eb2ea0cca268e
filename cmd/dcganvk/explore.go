package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/urfave/cli/v2"

	"dcganvk/train/latent"
	"dcganvk/train/web"
)

func exploreCommand() *cli.Command {
	return &cli.Command{
		Name:  "explore",
		Usage: "serve a latent-space explorer of a checkpoint (or of a run's checkpoints) in the browser",
		Description: "The page shows a numbered grid of any seed's vectors (paged), draws expressions in\n" +
			"`arith`'s grammar, interpolates two picked vectors (slerp) as a strip and an animation, moves a\n" +
			"vector along a direction with a slider, and downloads each picture as PNG and its vectors as\n" +
			".npy for `generate --noise`. Every image comes from the generator on the device, the same\n" +
			"numbers as `generate`. It serves until Ctrl-C. From a laptop: ssh -L 8080:localhost:8080 HOST.",
		Flags: append(deviceFlags(),
			&cli.StringFlag{Name: "checkpoint", Usage: "a ckpt-EPOCH.safetensors file written by train"},
			&cli.StringFlag{Name: "run", Usage: "a train --out folder: switch between its checkpoints"},
			&cli.StringFlag{Name: "serve", Value: "8080", Usage: "ADDR: a port (on 127.0.0.1 only) or HOST:PORT (0.0.0.0:8080 exposes it)"},
			&cli.BoolFlag{Name: "cpu-ref", Usage: "run the generator on the CPU reference instead of Vulkan"},
		),
		Action: func(c *cli.Context) error {
			path, run := c.String("checkpoint"), c.IsSet("run")
			switch {
			case c.IsSet("checkpoint") == run:
				return fmt.Errorf("pass one of --checkpoint and --run (see '%s --help')", c.Command.HelpName)
			case run:
				path = c.String("run")
			}
			return explore(path, run, c.String("serve"), c.Bool("cpu-ref"), c)
		},
	}
}

// explore opens the generator, listens, and serves until a signal.
func explore(path string, run bool, addr string, cpuRef bool, c *cli.Context) (err error) {
	d, err := latent.OpenDrawer(web.PageSize, cpuRef, gpuOptions(c))
	if err != nil {
		return err
	}
	defer func() { err = errors.Join(err, d.Close()) }()
	e, err := web.NewExplorer(d, path, run, os.Stderr)
	if err != nil {
		return err
	}
	stop, done, err := serve(addr, e.Handler(), os.Stderr)
	if err != nil {
		return err
	}
	defer stop()
	ctx, cancel := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer cancel()
	select {
	case <-ctx.Done():
		return nil
	case err := <-done:
		return err
	}
}
