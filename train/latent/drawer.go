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
// per process. Its plan follows the geometry of the checkpoint loaded. It
// is not safe for concurrent use.
type Drawer struct {
	batch   int
	cpuRef  bool
	dev     *gpu.Device // nil on the CPU reference
	geo     dcgan.Geometry
	sampler *dcgan.Sampler
	g       *dcgan.Generator
	bn      [3]*dcgan.BNState
	exec    op.Executor // nil until a checkpoint is loaded
}

// OpenDrawer opens the device (unless cpuRef) for a drawer of batch
// vectors a run; Load builds its plan.
func OpenDrawer(batch int, cpuRef bool, opts gpu.Options) (*Drawer, error) {
	if batch < 1 {
		return nil, fmt.Errorf("drawer: batch %d: need at least 1", batch)
	}
	d := &Drawer{batch: batch, cpuRef: cpuRef}
	if cpuRef {
		return d, nil
	}
	var err error
	if d.dev, err = gpu.Open(opts); err != nil {
		return nil, err
	}
	return d, nil
}

// Batch is the most images one run of the plan draws.
func (d *Drawer) Batch() int { return d.batch }

// Geometry is the image geometry of the loaded checkpoint.
func (d *Drawer) Geometry() dcgan.Geometry { return d.geo }

// Load writes a checkpoint's generator into the executor, replacing any
// loaded before; a checkpoint of another geometry gets a new plan.
func (d *Drawer) Load(ck *checkpoint.File) error {
	geo, err := checkpoint.GeometryOf(ck)
	if err != nil {
		return fmt.Errorf("checkpoint: %w", err)
	}
	if d.exec == nil || geo != d.geo {
		if err := d.build(geo); err != nil {
			return err
		}
	}
	if err := checkpoint.LoadState(d.exec, checkpoint.GeneratorTensors(d.g, d.bn), ck); err != nil {
		return fmt.Errorf("checkpoint: %w", err)
	}
	return nil
}

// build makes the inference plan and its executor for geo, closing the
// executor of the plan before.
func (d *Drawer) build(geo dcgan.Geometry) error {
	if d.exec != nil {
		err := d.exec.Close()
		d.exec = nil
		if err != nil {
			return err
		}
	}
	g, bn := dcgan.NewGenerator("generator", geo), dcgan.NewGeneratorBN(geo)
	sampler, err := dcgan.NewSampler(g, bn, d.batch)
	if err != nil {
		return err
	}
	var exec op.Executor
	if d.cpuRef {
		exec = ref.New(sampler.Plan)
	} else if exec, err = vkexec.New(d.dev, vkexec.Options{}, sampler.Plan); err != nil {
		return err
	}
	d.geo, d.g, d.bn, d.sampler, d.exec = geo, g, bn, sampler, exec
	return nil
}

// Draw runs the loaded generator on the noise vectors, Batch at a time.
// Weights that draw NaN or infinite pixels are an error; weights that draw
// the same image from every vector get a warning on log.
func (d *Drawer) Draw(noise []float32, log io.Writer) ([]float32, error) {
	if d.exec == nil {
		return nil, fmt.Errorf("drawer: no checkpoint loaded")
	}
	n, pixels := len(noise)/dcgan.NoiseDim, d.geo.Pixels()
	images := make([]float32, 0, n*pixels)
	for start := 0; start < n; start += d.batch {
		end := min(start+d.batch, n)
		part, err := d.sampler.Draw(d.exec, noise[start*dcgan.NoiseDim:end*dcgan.NoiseDim])
		if err != nil {
			return nil, err
		}
		images = append(images, part...)
	}
	// Image i equals image i+1 for every i: all are the same.
	if n > 1 && slices.Equal(images[:(n-1)*pixels], images[pixels:]) {
		fmt.Fprintf(log, "warning: all %d images are the same: the generator ignores its noise (the run probably diverged)\n", n)
	}
	return images, nil
}

// Close destroys the executor and the device.
func (d *Drawer) Close() error {
	var err error
	if d.exec != nil {
		err = d.exec.Close()
	}
	if d.dev != nil {
		err = errors.Join(err, d.dev.Close())
	}
	return err
}
