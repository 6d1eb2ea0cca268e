package imageio

import (
	"image"
	"testing"

	"dcganvk/nn/dcgan"
)

func TestGridPlacesEachImage(t *testing.T) {
	const n, size = 5, 3
	images := make([]float32, n*size*size)
	for i := 0; i < n; i++ {
		images[i*size*size+4] = float32(i)/2 - 1 // the centre pixel: -1, -0.5, 0, 0.5, 1
	}
	img := Grid(images, n, dcgan.Geometry{Size: size, Channels: 1}, 2).(*image.Gray)
	cell := size*GridScale + gridGap
	if w, h := img.Bounds().Dx(), img.Bounds().Dy(); w != 2*cell+gridGap || h != 3*cell+gridGap {
		t.Fatalf("grid is %dx%d", w, h)
	}
	want := []uint8{0, 64, 128, 191, 255}
	for i, v := range want {
		x := gridGap + (i%2)*cell + GridScale + 1 // inside the centre pixel, scaled
		y := gridGap + (i/2)*cell + GridScale + 1
		if got := img.GrayAt(x, y).Y; got != v {
			t.Errorf("image %d centre: %d, want %d", i, got, v)
		}
	}
}

// TestColourGridKeepsEachChannel draws 3 colour images whose centre pixel is
// red, green and blue in turn (every other value -1, black).
func TestColourGridKeepsEachChannel(t *testing.T) {
	const n, size = 3, 5
	images := make([]float32, n*size*size*3)
	for i := range images {
		images[i] = -1
	}
	for i := range n {
		images[(i*size*size+12)*3+i] = 1
	}
	img := Grid(images, n, dcgan.Geometry{Size: size, Channels: 3}, 3).(*image.RGBA)
	cell := size*GridScale + gridGap
	for i := range n {
		x := gridGap + i*cell + 2*GridScale + 1
		y := gridGap + 2*GridScale + 1
		got := img.RGBAAt(x, y)
		want := [3]uint8{}
		want[i] = 255
		if [3]uint8{got.R, got.G, got.B} != want || got.A != 255 {
			t.Errorf("image %d centre: %v, want %v", i, got, want)
		}
	}
}
