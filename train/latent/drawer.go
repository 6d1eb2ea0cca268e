package latent

import (
	"errors"
	"fmt"
	"io"
	"slices"

	"dcganvk/gpu"
	"dcganvk/nn/dcgan"
	"dcganvk/nn/op"
	"dcganvk/nn/ref"
	"dcganvk/nn/vkexec"
	"dcganvk/train/checkpoint"
)

// Drawer is a checkpoint's generator held open in inference mode, on the
// device or on the CPU reference, drawing up to Batch images a run: what
// `generate` and its siblings open once per command and the explorer once
// per process. It is not safe for concurrent use.
type Drawer struct {
	sampler *dcgan.Sampler
	g       *dcgan.Generator
	bn      [3]*dcgan.BNState
	exec    op.Executor
	dev     *gpu.Device
	loaded  bool
}

// OpenDrawer builds the inference plan for batch vectors and its executor.
func OpenDrawer(batch int, cpuRef bool, opts gpu.Options) (*Drawer, error) {
	d := &Drawer{g: dcgan.NewGenerator("generator"), bn: dcgan.NewGeneratorBN()}
	var err error
	if d.sampler, err = dcgan.NewSampler(d.g, d.bn, batch); err != nil {
		return nil, err
	}
	if cpuRef {
		d.exec = ref.New(d.sampler.Plan)
		return d, nil
	}
	if d.dev, err = gpu.Open(opts); err != nil {
		return nil, err
	}
	if d.exec, err = vkexec.New(d.dev, vkexec.Options{}, d.sampler.Plan); err != nil {
		d.dev.Close()
		return nil, err
	}
	return d, nil
}

// Batch is the most images one run of the plan draws.
func (d *Drawer) Batch() int { return d.sampler.N }

// Load writes a checkpoint's generator into the executor, replacing any
// loaded before.
func (d *Drawer) Load(ck *checkpoint.File) error {
	if err := checkpoint.LoadState(d.exec, checkpoint.GeneratorTensors(d.g, d.bn), ck); err != nil {
		return fmt.Errorf("checkpoint: %w", err)
	}
	d.loaded = true
	return nil
}

// Draw runs the loaded generator on the noise vectors, Batch at a time.
// Weights that draw NaN or infinite pixels are an error; weights that draw
// the same image from every vector get a warning on log.
func (d *Drawer) Draw(noise []float32, log io.Writer) ([]float32, error) {
	if !d.loaded {
		return nil, fmt.Errorf("drawer: no checkpoint loaded")
	}
	n := len(noise) / dcgan.NoiseDim
	images := make([]float32, 0, n*dcgan.Pixels)
	for start := 0; start < n; start += d.Batch() {
		end := min(start+d.Batch(), n)
		part, err := d.sampler.Draw(d.exec, noise[start*dcgan.NoiseDim:end*dcgan.NoiseDim])
		if err != nil {
			return nil, err
		}
		images = append(images, part...)
	}
	// Image i equals image i+1 for every i: all are the same.
	if n > 1 && slices.Equal(images[:(n-1)*dcgan.Pixels], images[dcgan.Pixels:]) {
		fmt.Fprintf(log, "warning: all %d images are the same: the generator ignores its noise (the run probably diverged)\n", n)
	}
	return images, nil
}

// Close destroys the executor and the device.
func (d *Drawer) Close() error {
	err := d.exec.Close()
	if d.dev != nil {
		err = errors.Join(err, d.dev.Close())
	}
	return err
}

// Sample runs the checkpoint's generator in inference mode on n noise
// vectors, on the device or on the CPU reference, as Drawer.Draw does.
func Sample(ck *checkpoint.File, noise []float32, n int, cpuRef bool, opts gpu.Options, log io.Writer) (images []float32, err error) {
	d, err := OpenDrawer(n, cpuRef, opts)
	if err != nil {
		return nil, err
	}
	defer func() {
		if cerr := d.Close(); err == nil {
			err = cerr
		}
	}()
	if err := d.Load(ck); err != nil {
		return nil, err
	}
	return d.Draw(noise, log)
}
