package imageio

import "testing"

func TestGridPlacesEachImage(t *testing.T) {
	const n, size = 5, 3
	images := make([]float32, n*size*size)
	for i := 0; i < n; i++ {
		images[i*size*size+4] = float32(i)/2 - 1 // the centre pixel: -1, -0.5, 0, 0.5, 1
	}
	img := Grid(images, n, size, 2)
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
