package latent

import (
	"errors"
	"fmt"
	"io"
	"strconv"

	"dcganvk/gpu"
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
	var labels []string
	if cfg.Numbered {
		labels = NumberedLabels(0, n)
	}
	drawing, err := cfg.draw(ck, n, func(d *Drawer) (*Drawing, error) { return DrawGrid(d, noise, labels, log) })
	if err != nil {
		return err
	}
	return drawing.write(log, cfg.PNG, cfg.NPY)
}

// draw opens a drawer of batch images on the source's device, loads the
// checkpoint into it, draws and closes it.
func (s Source) draw(ck *checkpoint.File, batch int, draw func(*Drawer) (*Drawing, error)) (drawing *Drawing, err error) {
	d, err := OpenDrawer(batch, s.CPURef, s.GPU)
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
	return draw(d)
}

// write writes the picture as PNG and the images as .npy, where asked.
func (dr *Drawing) write(log io.Writer, png, npy string) error {
	if png != "" {
		if err := imageio.SavePNG(png, dr.Picture); err != nil {
			return err
		}
		fmt.Fprintf(log, "wrote %s (%d images)\n", png, dr.N)
	}
	if npy != "" {
		if err := imageio.WriteImagesNPY(npy, dr.Images, dr.Geo); err != nil {
			return err
		}
		fmt.Fprintf(log, "wrote %s [%d,%d,%d,%d]\n", npy, dr.N, dr.Geo.Size, dr.Geo.Size, dr.Geo.Channels)
	}
	return nil
}
