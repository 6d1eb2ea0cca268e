package imageio_test

import (
	"image"
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
