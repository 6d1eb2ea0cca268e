// Package imageiotest builds sample grids and reads GIFs back for the tests
// of the packages that draw them.
package imageiotest

import (
	"dcganvk/nn/dcgan"
	"image"
	"image/gif"
	"os"
	"testing"

	"dcganvk/train/imageio"
)

// ReadGIF decodes a GIF file; a failure fails t.
func ReadGIF(t testing.TB, path string) *gif.GIF {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	g, err := gif.DecodeAll(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return g
}

// Grid is a 4x4 grid of 28x28 images whose pixels depend on k.
func Grid(k int) *image.Gray {
	images := make([]float32, 16*28*28)
	for i := range images {
		images[i] = float32((i*7+k*13)%200)/100 - 1
	}
	return imageio.Grid(images, 16, dcgan.MNIST, 4).(*image.Gray)
}

// SameFrame tells whether a GIF frame shows a grid's grey levels exactly.
func SameFrame(frame *image.Paletted, grid *image.Gray) bool {
	if frame.Bounds() != grid.Bounds() {
		return false
	}
	for i, p := range grid.Pix {
		r, _, _, _ := frame.Palette[frame.Pix[i]].RGBA()
		if uint8(r>>8) != p {
			return false
		}
	}
	return true
}
