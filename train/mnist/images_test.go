package mnist

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"dcganvk/train/mnist/mnisttest"
)

func write(t *testing.T, dir, name string, data []byte) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestReadImagesPlainAndGzip(t *testing.T) {
	dir := t.TempDir()
	raw := mnisttest.Images(3, 28, 28)
	for _, name := range []string{"plain", "packed.gz"} {
		data := raw
		if strings.HasSuffix(name, ".gz") {
			data = mnisttest.Gzip(raw)
		}
		im, err := ReadImages(write(t, dir, name, data))
		if err != nil {
			t.Fatal(err)
		}
		if im.Count != 3 || im.Rows != 28 || im.Cols != 28 || im.Pixels[785] != byte(785%256) {
			t.Fatalf("%s: read %d x %d x %d", name, im.Count, im.Rows, im.Cols)
		}
	}
}

func TestReadImagesRejectsBadFiles(t *testing.T) {
	dir := t.TempDir()
	good := mnisttest.Images(2, 28, 28)
	cases := map[string][]byte{
		"labels magic":   append(mnisttest.Header(mnisttest.LabelsMagic, 2, 28, 28), make([]byte, 2*784)...),
		"truncated data": good[:len(good)-5],
		"truncated head": good[:9],
		"trailing bytes": append(append([]byte{}, good...), 1, 2, 3),
		"zero images":    mnisttest.Images(0, 28, 28),
		"corrupt gzip":   mnisttest.Gzip(good)[:40],
		"empty":          {},
		"absurd size":    mnisttest.Images(2, 100000, 28)[:16],
		"4096x4096":      append(mnisttest.Header(mnisttest.ImagesMagic, 1, 4096, 4096), make([]byte, 784)...),
		"1M images":      append(mnisttest.Header(mnisttest.ImagesMagic, 1<<20, 28, 28), make([]byte, 784)...),
		"1M images gz":   mnisttest.Gzip(append(mnisttest.Header(mnisttest.ImagesMagic, 1<<20, 28, 28), make([]byte, 784)...)),
		"20x20":          mnisttest.Images(2, 20, 20),
	}
	for name, data := range cases {
		path := write(t, dir, strings.ReplaceAll(name, " ", "_"), data)
		var before runtime.MemStats
		runtime.ReadMemStats(&before)
		_, err := ReadImages(path)
		var after runtime.MemStats
		runtime.ReadMemStats(&after)
		if grown := after.TotalAlloc - before.TotalAlloc; grown > 1<<20 {
			t.Errorf("%s: allocated %d bytes for a %d-byte file", name, grown, len(data))
		}
		if err == nil {
			t.Errorf("%s: accepted", name)
		} else if !strings.Contains(err.Error(), path) {
			t.Errorf("%s: error does not name the file: %v", name, err)
		}
	}
	if _, err := ReadImages(filepath.Join(dir, "missing")); err == nil {
		t.Error("a missing file was accepted")
	}
}

func TestLoadTrainingImages(t *testing.T) {
	dir := t.TempDir()
	if _, err := LoadTrainingImages(dir); err == nil || !strings.Contains(err.Error(), "make data") {
		t.Fatalf("empty folder: %v", err)
	}
	write(t, dir, "train-images-idx3-ubyte", mnisttest.Images(5, 28, 28))
	im, err := LoadTrainingImages(dir)
	if err != nil || im.Count != 5 {
		t.Fatalf("uncompressed file: %v", err)
	}
	write(t, dir, TrainImagesFile, mnisttest.Gzip(mnisttest.Images(5, 20, 20)))
	if _, err := LoadTrainingImages(dir); err == nil {
		t.Error("20x20 images accepted as MNIST")
	}
}
