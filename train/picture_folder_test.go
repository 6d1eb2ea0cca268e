package train

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dcganvk/internal/filetest"
	"dcganvk/train/checkpoint"
)

// pictureFolder writes count colour PNGs of 41x37 pixels (their 37x37
// centre gives the model 32x32) and a file that does not decode.
func pictureFolder(t *testing.T, count int) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	for i := range count {
		img := image.NewNRGBA(image.Rect(0, 0, 41, 37))
		for p := range 41 * 37 {
			img.Set(p%41, p/41, color.NRGBA{uint8(p * (i + 1)), uint8(p / 7), uint8(40 * i), uint8(128 + p%128)})
		}
		var b bytes.Buffer
		if err := png.Encode(&b, img); err != nil {
			t.Fatal(err)
		}
		filetest.Write(t, dir, filepath.Join("sub", string(rune('a'+i))+".png"), b.Bytes())
	}
	filetest.Write(t, dir, "broken.png", []byte("\x89PNG\r\n\x1a\n cut short"))
	return dir
}

func TestPictureFolderTrainsInColourWithoutEvaluation(t *testing.T) {
	data := pictureFolder(t, 5)
	cfg := quickConfig(t, data)
	cfg.Epochs, cfg.Batch, cfg.EvalEvery, cfg.Background = 1, 2, 1, "#ffffff"
	var log bytes.Buffer
	if err := Run(context.Background(), cfg, &log); err != nil {
		t.Fatalf("%v\n%s", err, log.String())
	}
	for _, want := range []string{"training without evaluation", "skipped 1 pictures"} {
		if n := strings.Count(log.String(), want); n != 1 {
			t.Errorf("the log says %q %d times, want once:\n%s", want, n, log.String())
		}
	}
	grid, err := os.Open(filepath.Join(cfg.OutDir, EpochImageName(1)))
	if err != nil {
		t.Fatal(err)
	}
	defer grid.Close()
	img, err := png.Decode(grid)
	if err != nil {
		t.Fatal(err)
	}
	if _, colour := img.(*image.RGBA); !colour || img.Bounds().Dx() != 4*(32*4+4)+4 {
		t.Errorf("the grid is a %T of %v, want a colour grid of 32x32 cells", img, img.Bounds())
	}
	ck, err := checkpoint.Load(filepath.Join(cfg.OutDir, checkpoint.Name(1)))
	if err != nil {
		t.Fatal(err)
	}
	if geo, err := checkpoint.GeometryOf(ck); err != nil || geo.String() != "32x32x3" {
		t.Errorf("checkpoint geometry %v (%v), want 32x32x3", geo, err)
	}
	if entries, _ := os.ReadDir(data); len(entries) != 2 {
		t.Errorf("the data folder holds %d entries, want its 2 (nothing written there)", len(entries))
	}

	cfg.Resume, cfg.Epochs, cfg.Size = true, 2, 28
	err = Run(context.Background(), cfg, &bytes.Buffer{})
	if err == nil || !strings.Contains(err.Error(), "trained at 32x32x3, this run's data is 28x28x3") {
		t.Fatalf("resume at another geometry: %v", err)
	}
}

func TestFolderWithoutAPictureFailsBeforeTheDevice(t *testing.T) {
	data := t.TempDir()
	filetest.Write(t, data, "broken.jpg", []byte("no"))
	cfg := quickConfig(t, data)
	cfg.GPU.Device = "no such device"
	err := Run(context.Background(), cfg, &bytes.Buffer{})
	if err == nil || !strings.Contains(err.Error(), "no usable picture") {
		t.Fatalf("got %v, want the data's error (before any device is opened)", err)
	}
}
