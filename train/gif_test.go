package train

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dcganvk/train/imageio"
	"dcganvk/train/imageio/imageiotest"
)

func TestRebuildGIFLeavesOutACorruptGrid(t *testing.T) {
	dir := t.TempDir()
	for epoch := 1; epoch <= 4; epoch++ {
		if err := imageio.SavePNG(filepath.Join(dir, EpochImageName(epoch)), imageiotest.Grid(epoch)); err != nil {
			t.Fatal(err)
		}
	}
	os.WriteFile(filepath.Join(dir, EpochImageName(2)), []byte("\x89PNG torn"), 0o644)
	path := filepath.Join(dir, "dcgan.gif")
	var log bytes.Buffer
	if err := rebuildGIF(dir, path, 3, &log); err != nil {
		t.Fatal(err)
	}
	g := imageiotest.ReadGIF(t, path)
	if len(g.Image) != 2 || !imageiotest.SameFrame(g.Image[0], imageiotest.Grid(1)) || !imageiotest.SameFrame(g.Image[1], imageiotest.Grid(3)) {
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
	if g := imageiotest.ReadGIF(t, filepath.Join(cfg.OutDir, gifName)); len(g.Image) != 2 {
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
		grid := imageiotest.Grid(epoch)
		if err := imageio.SavePNG(filepath.Join(dir, EpochImageName(epoch)), grid); err != nil {
			b.Fatal(err)
		}
		if err := imageio.AppendGIFFrame(path, grid, epochGIFDelay); err != nil {
			b.Fatal(err)
		}
	}
	full, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("append frame 151", func(b *testing.B) {
		for b.Loop() {
			if err := imageio.AppendGIFFrame(path, imageiotest.Grid(151), epochGIFDelay); err != nil {
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
