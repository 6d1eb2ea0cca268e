package train

import (
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"

	"dcganvk/gpu"
	"dcganvk/nn/dcgan"
	"dcganvk/nn/op"
	"dcganvk/nn/ref"
	"dcganvk/nn/vkexec"
)

// GenerateConfig is what `dcganvk generate` takes.
type GenerateConfig struct {
	Checkpoint string
	// N is the number of images, from vectors 0..N-1 of Seed (ignored with NoisePath).
	N int
	// Seed picks the noise; nil means the checkpoint's training seed, whose
	// first 16 vectors are the training grid's fixed noise.
	Seed      *uint64
	NoisePath string
	PNG, NPY  string
	CPURef    bool
	GPU       gpu.Options
}

// Generate draws images from a checkpoint's generator in inference mode.
func Generate(cfg GenerateConfig, log io.Writer) error {
	if cfg.PNG == "" && cfg.NPY == "" {
		return errors.New("nothing to write: pass --png and/or --npy")
	}
	if cfg.NoisePath != "" && cfg.Seed != nil {
		return errors.New("--seed and --noise both choose the noise: pass one")
	}
	ck, err := LoadCheckpoint(cfg.Checkpoint)
	if err != nil {
		return err
	}
	noise, n, err := cfg.noise(ck)
	if err != nil {
		return err
	}
	images, err := Sample(ck, noise, n, cfg.CPURef, cfg.GPU)
	if err != nil {
		return err
	}
	if cfg.PNG != "" {
		cols := int(math.Ceil(math.Sqrt(float64(n))))
		if err := SavePNG(cfg.PNG, Grid(images, n, dcgan.ImageSize, cols)); err != nil {
			return err
		}
		fmt.Fprintf(log, "wrote %s (%d images)\n", cfg.PNG, n)
	}
	if cfg.NPY != "" {
		if err := WriteImagesNPY(cfg.NPY, images); err != nil {
			return err
		}
		fmt.Fprintf(log, "wrote %s [%d,28,28,1]\n", cfg.NPY, n)
	}
	return nil
}

// noise returns the noise vectors the config asks for and their count.
func (cfg GenerateConfig) noise(ck *Checkpoint) ([]float32, int, error) {
	if cfg.NoisePath != "" {
		return ReadNoiseNPY(cfg.NoisePath)
	}
	if cfg.N < 1 {
		return nil, 0, fmt.Errorf("--n %d: need at least 1", cfg.N)
	}
	seed := cfg.Seed
	if seed == nil {
		s, err := strconv.ParseUint(ck.Metadata["seed"], 10, 64)
		if err != nil {
			return nil, 0, fmt.Errorf("checkpoint %s has no seed: pass --seed", cfg.Checkpoint)
		}
		seed = &s
	}
	return FixedNoise(*seed, cfg.N), cfg.N, nil
}

// Sample runs the checkpoint's generator in inference mode on n noise
// vectors, on the device or on the CPU reference.
func Sample(ck *Checkpoint, noise []float32, n int, cpuRef bool, opts gpu.Options) (images []float32, err error) {
	g, bn := dcgan.NewGenerator("generator"), dcgan.NewGeneratorBN()
	s, err := dcgan.NewSampler(g, bn, n)
	if err != nil {
		return nil, err
	}
	var exec op.Executor
	if cpuRef {
		exec = ref.New(s.Plan)
	} else {
		ctx, err := gpu.Open(opts)
		if err != nil {
			return nil, err
		}
		defer func() {
			if cerr := ctx.Close(); err == nil {
				err = cerr
			}
		}()
		if exec, err = vkexec.New(ctx, vkexec.Options{}, s.Plan); err != nil {
			return nil, err
		}
	}
	defer exec.Close()
	if err := LoadState(exec, GeneratorTensors(g, bn), ck); err != nil {
		return nil, fmt.Errorf("checkpoint: %w", err)
	}
	if err := exec.Write(s.Noise, noise); err != nil {
		return nil, err
	}
	if err := exec.Run(s.Plan); err != nil {
		return nil, err
	}
	return exec.Read(s.Images)
}
