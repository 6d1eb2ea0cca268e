package imageio_test

import (
	"image"
	"image/color"
	"image/draw"
	"image/gif"
	"os"
	"path/filepath"
	"testing"

	"dcganvk/train/imageio"
	"dcganvk/train/imageio/imageiotest"
)

func TestGIFAppendKeepsEveryFrameExactAndLooping(t *testing.T) {
	const delay = 20
	path := filepath.Join(t.TempDir(), "dcgan.gif")
	var grids []*image.Gray
	for k := range 3 {
		grids = append(grids, imageiotest.Grid(k))
		if err := imageio.AppendGIFFrame(path, grids[k], delay); err != nil {
			t.Fatal(err)
		}
		g := imageiotest.ReadGIF(t, path)
		if len(g.Image) != k+1 || g.LoopCount != 0 {
			t.Fatalf("after %d frames: %d frames, loop count %d", k+1, len(g.Image), g.LoopCount)
		}
		for i, frame := range g.Image {
			if !imageiotest.SameFrame(frame, grids[i]) || g.Delay[i] != delay {
				t.Fatalf("after %d frames: frame %d differs from its grid", k+1, i)
			}
		}
	}
	os.WriteFile(path, []byte("GIF89a torn"), 0o644)
	if err := imageio.AppendGIFFrame(path, grids[0], delay); err == nil {
		t.Error("appended to a GIF without its trailer")
	}
}

// TestColourFramesAppendInColour appends a red and a blue frame to a new
// GIF and reads both colours back.
func TestColourFramesAppendInColour(t *testing.T) {
	path := filepath.Join(t.TempDir(), "colour.gif")
	colours := []color.RGBA{{255, 0, 0, 255}, {0, 0, 255, 255}}
	for _, c := range colours {
		frame := image.NewRGBA(image.Rect(0, 0, 9, 7))
		draw.Draw(frame, frame.Rect, image.NewUniform(c), image.Point{}, draw.Src)
		if err := imageio.AppendGIFFrame(path, frame, 10); err != nil {
			t.Fatal(err)
		}
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	anim, err := gif.DecodeAll(f)
	if err != nil {
		t.Fatal(err)
	}
	if len(anim.Image) != len(colours) {
		t.Fatalf("%d frames, want %d", len(anim.Image), len(colours))
	}
	for i, c := range colours {
		r, g, b, _ := anim.Image[i].At(4, 3).RGBA()
		if got := (color.RGBA{uint8(r >> 8), uint8(g >> 8), uint8(b >> 8), 255}); got != c {
			t.Errorf("frame %d: %v, want %v", i, got, c)
		}
	}
}
