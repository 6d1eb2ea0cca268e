package latent

import (
	"errors"
	"fmt"
	"image"
	"io"
	"strconv"

	"dcganvk/nn/dcgan"
	"dcganvk/train/imageio"
)

// InterpolateConfig is what `dcganvk interpolate` takes.
type InterpolateConfig struct {
	Source
	From, To, Steps int
	PNG, GIF, NPY   string
}

// Interpolate draws the spherical path between noise vectors From and To in
// Steps images: a strip, an animation, and the images themselves.
func Interpolate(cfg InterpolateConfig, log io.Writer) error {
	if cfg.PNG == "" && cfg.GIF == "" && cfg.NPY == "" {
		return errors.New("nothing to write: pass --png, --gif and/or --npy")
	}
	if cfg.Steps < 2 || cfg.Steps > MaxImages {
		return fmt.Errorf("--steps %d: need 2 to %d", cfg.Steps, MaxImages)
	}
	ck, seed, err := cfg.Open()
	if err != nil {
		return err
	}
	ends, err := NoiseVectors(seed, cfg.From, cfg.To)
	if err != nil {
		return err
	}
	noise := make([]float32, 0, cfg.Steps*dcgan.NoiseDim)
	for i := 0; i < cfg.Steps; i++ {
		noise = append(noise, Slerp(ends[0], ends[1], float64(i)/float64(cfg.Steps-1))...)
	}
	images, geo, err := Sample(ck, noise, cfg.Steps, cfg.CPURef, cfg.GPU, log)
	if err != nil {
		return err
	}
	strip := imageio.Grid(images, cfg.Steps, geo, cfg.Steps)
	labels := make([]string, cfg.Steps)
	labels[0], labels[cfg.Steps-1] = strconv.Itoa(cfg.From), strconv.Itoa(cfg.To)
	imageio.Label(strip, geo.Size, cfg.Steps, labels)
	if cfg.GIF != "" {
		frames := make([]image.Image, cfg.Steps)
		for i := range frames {
			frames[i] = imageio.Grid(images[i*geo.Pixels():], 1, geo, 1)
		}
		if err := imageio.WriteFramesGIF(cfg.GIF, frames, 15); err != nil {
			return err
		}
		fmt.Fprintf(log, "wrote %s (%d frames)\n", cfg.GIF, cfg.Steps)
	}
	return writeImages(log, images, cfg.Steps, geo, strip, cfg.PNG, cfg.NPY)
}

// ArithConfig is what `dcganvk arith` takes.
type ArithConfig struct {
	Source
	Expr     string
	PNG, NPY string
}

// Arith draws the generator's image of a vector expression, with the image
// of each vector it names before it, in one row.
func Arith(cfg ArithConfig, log io.Writer) error {
	if cfg.PNG == "" && cfg.NPY == "" {
		return errors.New("nothing to write: pass --png and/or --npy")
	}
	expr, err := ParseExpr(cfg.Expr)
	if err != nil {
		return err
	}
	ck, seed, err := cfg.Open()
	if err != nil {
		return err
	}
	vectors, err := NoiseVectors(seed, expr.Operands...)
	if err != nil {
		return err
	}
	named := map[int][]float32{}
	var noise []float32
	labels := make([]string, 0, len(vectors)+1)
	for k, i := range expr.Operands {
		named[i] = vectors[k]
		noise = append(noise, vectors[k]...)
		labels = append(labels, strconv.Itoa(i))
	}
	noise = append(noise, expr.Eval(named)...)
	labels = append(labels, "=")
	n := len(labels)
	images, geo, err := Sample(ck, noise, n, cfg.CPURef, cfg.GPU, log)
	if err != nil {
		return err
	}
	row := imageio.Grid(images, n, geo, n)
	imageio.Label(row, geo.Size, n, labels)
	return writeImages(log, images, n, geo, row, cfg.PNG, cfg.NPY)
}
