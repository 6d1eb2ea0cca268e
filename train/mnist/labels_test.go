package mnist

import (
	"bytes"
	"strings"
	"testing"

	"dcganvk/train/mnist/mnisttest"
)

func TestReadLabelsPlainAndGzip(t *testing.T) {
	dir := t.TempDir()
	raw := mnisttest.Labels(4, 7, 0, 9, 3)
	for _, name := range []string{"plain", "packed.gz"} {
		data := raw
		if strings.HasSuffix(name, ".gz") {
			data = mnisttest.Gzip(raw)
		}
		got, err := ReadLabels(write(t, dir, name, data))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !bytes.Equal(got, []byte{7, 0, 9, 3}) {
			t.Errorf("%s: labels %v", name, got)
		}
	}
}

func TestBadLabelFilesAreRefused(t *testing.T) {
	dir := t.TempDir()
	images := mnisttest.Images(1, 28, 28)
	for _, c := range []struct {
		name string
		data []byte
		want string
	}{
		{"short", mnisttest.Labels(4, 1, 2), "holds 2"},
		{"long", mnisttest.Labels(1, 1, 2), "holds 2"},
		{"not-a-digit", mnisttest.Labels(2, 1, 10), "not a digit"},
		{"images", images, "magic number"},
		{"empty", nil, "truncated header"},
	} {
		_, err := ReadLabels(write(t, dir, c.name, c.data))
		if err == nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), c.name) {
			t.Errorf("%s: error %v, want one naming the file and saying %q", c.name, err, c.want)
		}
	}
}

func TestLabelledSetNeedsAsManyLabelsAsImages(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "t10k-images-idx3-ubyte.gz", mnisttest.Gzip(mnisttest.Images(3, 28, 28)))
	write(t, dir, "t10k-labels-idx1-ubyte", mnisttest.Labels(2, 1, 2))
	if _, err := LoadLabelledSet(dir, TestSet); err == nil || !strings.Contains(err.Error(), "3 images but 2 labels") {
		t.Errorf("error %v, want a count mismatch", err)
	}
	write(t, dir, "t10k-labels-idx1-ubyte", mnisttest.Labels(3, 1, 2, 3))
	set, err := LoadLabelledSet(dir, TestSet)
	if err != nil {
		t.Fatal(err)
	}
	if px := set.Floats(1, 2); len(px) != 784 || px[0] != (float32(784%256)-127.5)/127.5 {
		t.Errorf("image 1 scaled: %d pixels, first %g", len(px), px[0])
	}
	if _, err := LoadLabelledSet(dir, TrainSet); err == nil || !strings.Contains(err.Error(), "make data") {
		t.Errorf("missing training set: error %v, want one saying `make data`", err)
	}
}
