package train

import (
	"bytes"
	"context"
	"image"
	"image/gif"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// readGIF decodes a GIF file.
func readGIF(t *testing.T, path string) *gif.GIF {
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

// testGrid is a grid whose pixels depend on k.
func testGrid(k int) *image.Gray {
	images := make([]float32, 16*28*28)
	for i := range images {
		images[i] = float32((i*7+k*13)%200)/100 - 1
	}
	return Grid(images, 16, 28, 4)
}

// sameFrame tells whether a GIF frame shows a grid's grey levels exactly.
func sameFrame(frame *image.Paletted, grid *image.Gray) bool {
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

func TestGIFAppendKeepsEveryFrameExactAndLooping(t *testing.T) {
	path := filepath.Join(t.TempDir(), "dcgan.gif")
	var grids []*image.Gray
	for k := range 3 {
		grids = append(grids, testGrid(k))
		if err := appendGIFFrame(path, grids[k], epochGIFDelay); err != nil {
			t.Fatal(err)
		}
		g := readGIF(t, path)
		if len(g.Image) != k+1 || g.LoopCount != 0 {
			t.Fatalf("after %d frames: %d frames, loop count %d", k+1, len(g.Image), g.LoopCount)
		}
		for i, frame := range g.Image {
			if !sameFrame(frame, grids[i]) || g.Delay[i] != epochGIFDelay {
				t.Fatalf("after %d frames: frame %d differs from its grid", k+1, i)
			}
		}
	}
	os.WriteFile(path, []byte("GIF89a torn"), 0o644)
	if err := appendGIFFrame(path, grids[0], epochGIFDelay); err == nil {
		t.Error("appended to a GIF without its trailer")
	}
}

func TestRebuildGIFLeavesOutACorruptGrid(t *testing.T) {
	dir := t.TempDir()
	for epoch := 1; epoch <= 4; epoch++ {
		if err := SavePNG(filepath.Join(dir, EpochImageName(epoch)), testGrid(epoch)); err != nil {
			t.Fatal(err)
		}
	}
	os.WriteFile(filepath.Join(dir, EpochImageName(2)), []byte("\x89PNG torn"), 0o644)
	path := filepath.Join(dir, "dcgan.gif")
	var log bytes.Buffer
	if err := rebuildGIF(dir, path, 3, &log); err != nil {
		t.Fatal(err)
	}
	g := readGIF(t, path)
	if len(g.Image) != 2 || !sameFrame(g.Image[0], testGrid(1)) || !sameFrame(g.Image[1], testGrid(3)) {
		t.Fatalf("%d frames; want epochs 1 and 3", len(g.Image))
	}
	if !strings.Contains(log.String(), "leaves out epoch 2") {
		t.Errorf("no warning for epoch 2:\n%s", log.String())
	}
	if err := rebuildGIF(dir, path, 0, &log); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Errorf("a GIF of no epochs is still there: %v", err)
	}
}

func TestTrainingAppendsAFrameWithoutRereadingTheGrids(t *testing.T) {
	cfg := quickConfig(t, fakeMNIST(t, 14))
	first := filepath.Join(cfg.OutDir, EpochImageName(1))
	// Epoch 1's grid disappears before epoch 2's frame is written: a GIF
	// re-encoded from the grids would lose epoch 1.
	w := &onLine{marker: "Time for epoch 2", do: func() { os.Remove(first) }}
	if err := Run(context.Background(), cfg, w); err != nil {
		t.Fatalf("%v\n%s", err, w.log.String())
	}
	if g := readGIF(t, filepath.Join(cfg.OutDir, gifName)); len(g.Image) != 2 {
		t.Fatalf("dcgan.gif has %d frames, want 2", len(g.Image))
	}
}

// BenchmarkEpochGIF measures an epoch's GIF work late in a run: appending
// the frame of epoch 151, against rebuilding the GIF from 150 grids (what
// every epoch cost when the GIF was re-encoded, and what a start costs now).
func BenchmarkEpochGIF(b *testing.B) {
	dir := b.TempDir()
	path := filepath.Join(dir, gifName)
	for epoch := 1; epoch <= 150; epoch++ {
		grid := testGrid(epoch)
		if err := SavePNG(filepath.Join(dir, EpochImageName(epoch)), grid); err != nil {
			b.Fatal(err)
		}
		if err := appendGIFFrame(path, grid, epochGIFDelay); err != nil {
			b.Fatal(err)
		}
	}
	full, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("append frame 151", func(b *testing.B) {
		for b.Loop() {
			if err := appendGIFFrame(path, testGrid(151), epochGIFDelay); err != nil {
				b.Fatal(err)
			}
			b.StopTimer()
			os.WriteFile(path, full, 0o644)
			b.StartTimer()
		}
	})
	b.Run("rebuild 150 frames", func(b *testing.B) {
		for b.Loop() {
			if err := rebuildGIF(dir, path, 150, io.Discard); err != nil {
				b.Fatal(err)
			}
		}
	})
}
