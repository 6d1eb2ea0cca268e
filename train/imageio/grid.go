package imageio

import (
	"encoding/binary"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"io"
	"os"

	"golang.org/x/image/font"
	"golang.org/x/image/font/basicfont"
	"golang.org/x/image/math/fixed"

	"dcganvk/nn/dcgan"
	"dcganvk/nn/op"
	"dcganvk/nn/ref"
	"dcganvk/train/safefile"
)

// GridScale is how many screen pixels a grid draws per image pixel, so that
// a 28x28 digit is legible.
const GridScale = 4

// gridGap is the border between cells, in screen pixels.
const gridGap = 4

// gridBackground is the dark grey of the borders.
const gridBackground = 64

// GridLayout is the grid of n images at geometry geo in cols columns that
// Grid and the live preview's grid_pixels kernel draw: each pixel scaled up
// GridScale times, cells apart by a dark grey border, bytes in R, G, B, A
// order. The caller names its tensors.
func GridLayout(n int, geo dcgan.Geometry, cols int) *op.GridPixels {
	return &op.GridPixels{N: n, Size: geo.Size, Channels: geo.Channels, Cols: cols, Scale: GridScale,
		Gap: gridGap, Background: gridBackground}
}

// Grid draws n images [n, S, S, C] at geometry geo with values in [-1, 1]
// (the generator's tanh output) as a grid of cols columns, each pixel
// scaled up GridScale times, exactly what the live preview's grid_pixels
// kernel draws: grey images as an image.Gray, white on black as the
// notebook's plots show, colour ones as an image.RGBA.
func Grid(images []float32, n int, geo dcgan.Geometry, cols int) draw.Image {
	o := GridLayout(n, geo, cols)
	pixels := make([]uint32, o.Width()*o.Height())
	ref.GridPixels(images, pixels, o)
	r := image.Rect(0, 0, o.Width(), o.Height())
	if geo.Channels == 1 {
		img := image.NewGray(r)
		for i, p := range pixels {
			img.Pix[i] = uint8(p)
		}
		return img
	}
	img := image.NewRGBA(r)
	for i, p := range pixels {
		binary.LittleEndian.PutUint32(img.Pix[4*i:], p)
	}
	return img
}

// cellOrigin is the top-left pixel of cell i of a grid.
func cellOrigin(i, size, cols int) (x, y int) {
	cell := size*GridScale + gridGap
	return gridGap + (i%cols)*cell, gridGap + (i/cols)*cell
}

// Label writes labels[i] into the top-left corner of cell i (none where it
// is empty), light grey on a dark box so it reads over any digit.
func Label(img draw.Image, size, cols int, labels []string) {
	face := basicfont.Face7x13
	for i, text := range labels {
		if text == "" {
			continue
		}
		x, y := cellOrigin(i, size, cols)
		box := image.Rect(x, y, x+7*len(text)+4, y+15)
		draw.Draw(img, box, &image.Uniform{color.Gray{Y: 32}}, image.Point{}, draw.Src)
		d := font.Drawer{Dst: img, Src: &image.Uniform{color.Gray{Y: 230}}, Face: face,
			Dot: fixed.P(x+2, y+12)}
		d.DrawString(text)
	}
}

// SavePNG writes an image as a PNG file, atomically.
func SavePNG(path string, img image.Image) error {
	return safefile.Write(path, func(w io.Writer) error { return png.Encode(w, img) })
}

// ReadPNG decodes a PNG file.
func ReadPNG(path string) (image.Image, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", path, err)
	}
	return img, nil
}
