package latent

import (
	"fmt"
	"image"
	"io"
	"math"
	"strconv"

	"dcganvk/nn/dcgan"
	"dcganvk/train/imageio"
)

// Drawing is what one latent command draws: the picture, the images in it
// and the noise vectors that drew them, in order (what `generate --noise`
// reads back to draw the same images).
type Drawing struct {
	Picture image.Image
	Images  []float32
	Noise   []float32
	N       int
	Geo     dcgan.Geometry // of the images
	// Frames are the images one by one, for an animation (interpolations only).
	Frames []image.Image
}

// DrawGrid draws the n noise vectors in a square-ish grid, each cell
// labelled labels[i] (nil: no labels).
func DrawGrid(d *Drawer, noise []float32, labels []string, log io.Writer) (*Drawing, error) {
	n := len(noise) / dcgan.NoiseDim
	images, err := d.Draw(noise, log)
	if err != nil {
		return nil, err
	}
	cols := int(math.Ceil(math.Sqrt(float64(n))))
	geo := d.Geometry()
	grid := imageio.Grid(images, n, geo, cols)
	if labels != nil {
		imageio.Label(grid, geo.Size, cols, labels)
	}
	return &Drawing{Picture: grid, Images: images, Noise: noise, N: n, Geo: geo}, nil
}

// NumberedLabels are the labels first, first+1, ... of n cells.
func NumberedLabels(first, n int) []string {
	labels := make([]string, n)
	for i := range labels {
		labels[i] = strconv.Itoa(first + i)
	}
	return labels
}

// DrawNumbered draws vectors first to first+n-1 of seed in a grid, each
// labelled with its index.
func DrawNumbered(d *Drawer, seed uint64, first, n int, log io.Writer) (*Drawing, error) {
	if n < 1 || n > MaxImages {
		return nil, fmt.Errorf("--n %d: need 1 to %d", n, MaxImages)
	}
	if first < 0 || first+n > MaxVectorIndex {
		return nil, fmt.Errorf("vectors %d to %d: out of range [0, %d)", first, first+n-1, MaxVectorIndex)
	}
	noise := FixedNoise(seed, first+n)[first*dcgan.NoiseDim:]
	return DrawGrid(d, noise, NumberedLabels(first, n), log)
}

// DrawArith draws the image of a vector expression of seed's vectors, after
// the image of each vector it names, in one row.
func DrawArith(d *Drawer, seed uint64, expr string, log io.Writer) (*Drawing, error) {
	e, err := ParseExpr(expr)
	if err != nil {
		return nil, err
	}
	vectors, err := NoiseVectors(seed, e.Operands...)
	if err != nil {
		return nil, err
	}
	named := map[int][]float32{}
	var noise []float32
	labels := make([]string, 0, len(vectors)+1)
	for k, i := range e.Operands {
		named[i] = vectors[k]
		noise = append(noise, vectors[k]...)
		labels = append(labels, strconv.Itoa(i))
	}
	noise = append(noise, e.Eval(named)...)
	labels = append(labels, "=")
	return drawRow(d, noise, labels, log)
}

// DrawInterpolation draws the spherical path from vector from to vector to
// of seed in steps images, both ends included: a strip and its frames.
func DrawInterpolation(d *Drawer, seed uint64, from, to, steps int, log io.Writer) (*Drawing, error) {
	if err := checkSteps(steps); err != nil {
		return nil, err
	}
	ends, err := NoiseVectors(seed, from, to)
	if err != nil {
		return nil, err
	}
	noise := make([]float32, 0, steps*dcgan.NoiseDim)
	for i := 0; i < steps; i++ {
		noise = append(noise, Slerp(ends[0], ends[1], float64(i)/float64(steps-1))...)
	}
	labels := make([]string, steps)
	labels[0], labels[steps-1] = strconv.Itoa(from), strconv.Itoa(to)
	drawing, err := drawRow(d, noise, labels, log)
	if err != nil {
		return nil, err
	}
	drawing.Frames = make([]image.Image, steps)
	for i := range drawing.Frames {
		drawing.Frames[i] = imageio.Grid(drawing.Images[i*drawing.Geo.Pixels():], 1, drawing.Geo, 1)
	}
	return drawing, nil
}

// FrameDelay is the time between an interpolation's frames in its GIF, in
// hundredths of a second.
const FrameDelay = 15

// checkSteps refuses an interpolation of too few or too many images.
func checkSteps(steps int) error {
	if steps < 2 || steps > MaxImages {
		return fmt.Errorf("--steps %d: need 2 to %d", steps, MaxImages)
	}
	return nil
}

// drawRow draws the noise vectors in one labelled row.
func drawRow(d *Drawer, noise []float32, labels []string, log io.Writer) (*Drawing, error) {
	n := len(labels)
	images, err := d.Draw(noise, log)
	if err != nil {
		return nil, err
	}
	geo := d.Geometry()
	row := imageio.Grid(images, n, geo, n)
	imageio.Label(row, geo.Size, n, labels)
	return &Drawing{Picture: row, Images: images, Noise: noise, N: n, Geo: geo}, nil
}
