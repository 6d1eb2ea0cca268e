package latent

import (
	"errors"
	"fmt"
	"image"
	"io"
	"math"
	"slices"
	"strconv"

	"dcganvk/gpu"
	"dcganvk/nn/dcgan"
	"dcganvk/nn/op"
	"dcganvk/nn/ref"
	"dcganvk/nn/vkexec"
	"dcganvk/train/checkpoint"
	"dcganvk/train/imageio"
)

// Source is where images come from: a checkpoint's generator, run in
// inference mode on the device (or the CPU reference), and the seed whose
// numbered noise vectors it draws.
type Source struct {
	Checkpoint string
	// Seed picks the noise set; nil means the checkpoint's training seed,
	// whose first 16 vectors are the training grid's fixed noise.
	Seed   *uint64
	CPURef bool
	GPU    gpu.Options
}

// Open loads the checkpoint and settles the seed.
func (s Source) Open() (*checkpoint.File, uint64, error) {
	ck, err := checkpoint.Load(s.Checkpoint)
	if err != nil {
		return nil, 0, err
	}
	if s.Seed != nil {
		return ck, *s.Seed, nil
	}
	seed, err := strconv.ParseUint(ck.Metadata["seed"], 10, 64)
	if err != nil {
		return nil, 0, fmt.Errorf("checkpoint %s has no seed: pass --seed", s.Checkpoint)
	}
	return ck, seed, nil
}

// GenerateConfig is what `dcganvk generate` takes.
type GenerateConfig struct {
	Source
	// N is the number of images, from vectors 0..N-1 (ignored with NoisePath).
	N         int
	NoisePath string
	// Numbered writes each image's index into its cell of the PNG.
	Numbered bool
	PNG, NPY string
	// SaveNoise writes the noise vectors used as .npy [N,100], for --noise.
	SaveNoise string
}

// Generate draws images from a checkpoint's generator in inference mode.
func Generate(cfg GenerateConfig, log io.Writer) error {
	if cfg.PNG == "" && cfg.NPY == "" && cfg.SaveNoise == "" {
		return errors.New("nothing to write: pass --png, --npy and/or --save-noise")
	}
	if cfg.NoisePath != "" && cfg.Seed != nil {
		return errors.New("--seed and --noise both choose the noise: pass one")
	}
	if cfg.NoisePath == "" && (cfg.N < 1 || cfg.N > MaxImages) {
		return fmt.Errorf("--n %d: need 1 to %d", cfg.N, MaxImages)
	}
	ck, seed, err := cfg.Open()
	if err != nil {
		return err
	}
	noise, n := FixedNoise(seed, cfg.N), cfg.N
	if cfg.NoisePath != "" {
		if noise, n, err = imageio.ReadNoiseNPY(cfg.NoisePath, MaxImages); err != nil {
			return err
		}
	}
	if cfg.SaveNoise != "" {
		if err := imageio.WriteNoiseNPY(cfg.SaveNoise, noise); err != nil {
			return err
		}
		fmt.Fprintf(log, "wrote %s [%d,100]\n", cfg.SaveNoise, n)
	}
	images, geo, err := Sample(ck, noise, n, cfg.CPURef, cfg.GPU, log)
	if err != nil {
		return err
	}
	cols := int(math.Ceil(math.Sqrt(float64(n))))
	grid := imageio.Grid(images, n, geo, cols)
	if cfg.Numbered {
		labels := make([]string, n)
		for i := range labels {
			labels[i] = strconv.Itoa(i)
		}
		imageio.Label(grid, geo.Size, cols, labels)
	}
	return writeImages(log, images, n, geo, grid, cfg.PNG, cfg.NPY)
}

// writeImages writes a picture as PNG and the images as .npy, where asked.
func writeImages(log io.Writer, images []float32, n int, geo dcgan.Geometry, picture image.Image, png, npy string) error {
	if png != "" {
		if err := imageio.SavePNG(png, picture); err != nil {
			return err
		}
		fmt.Fprintf(log, "wrote %s (%d images)\n", png, n)
	}
	if npy != "" {
		if err := imageio.WriteImagesNPY(npy, images, geo); err != nil {
			return err
		}
		fmt.Fprintf(log, "wrote %s [%d,%d,%d,%d]\n", npy, n, geo.Size, geo.Size, geo.Channels)
	}
	return nil
}

// Sample runs the checkpoint's generator in inference mode on n noise
// vectors, on the device or on the CPU reference, and returns the images
// and the geometry the checkpoint draws at. Weights that draw NaN or
// infinite pixels are an error; weights that draw the same image from every
// vector get a warning on log.
func Sample(ck *checkpoint.File, noise []float32, n int, cpuRef bool, opts gpu.Options, log io.Writer) (images []float32, geo dcgan.Geometry, err error) {
	if geo, err = checkpoint.GeometryOf(ck); err != nil {
		return nil, geo, fmt.Errorf("checkpoint: %w", err)
	}
	g, bn := dcgan.NewGenerator("generator", geo), dcgan.NewGeneratorBN(geo)
	s, err := dcgan.NewSampler(g, bn, n)
	if err != nil {
		return nil, geo, err
	}
	var exec op.Executor
	if cpuRef {
		exec = ref.New(s.Plan)
	} else {
		dev, err := gpu.Open(opts)
		if err != nil {
			return nil, geo, err
		}
		defer func() {
			if cerr := dev.Close(); err == nil {
				err = cerr
			}
		}()
		if exec, err = vkexec.New(dev, vkexec.Options{}, s.Plan); err != nil {
			return nil, geo, err
		}
	}
	defer exec.Close()
	if err := checkpoint.LoadState(exec, checkpoint.GeneratorTensors(g, bn), ck); err != nil {
		return nil, geo, fmt.Errorf("checkpoint: %w", err)
	}
	if images, err = s.Draw(exec, noise); err != nil {
		return nil, geo, err
	}
	// Image i equals image i+1 for every i: all are the same.
	if n > 1 && slices.Equal(images[:(n-1)*geo.Pixels()], images[geo.Pixels():]) {
		fmt.Fprintf(log, "warning: all %d images are the same: the generator ignores its noise (the run probably diverged)\n", n)
	}
	return images, geo, nil
}
