package dataset

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dcganvk/train/mnist"
	"dcganvk/train/mnist/mnisttest"
)

// TestIDXFolderKeepsItsPixelsAndLimit: an IDX folder reads as it is at
// 28x28x1 (unlabelled without its label files), --limit keeps the first
// images and a limit past the set is refused.
func TestIDXFolderKeepsItsPixelsAndLimit(t *testing.T) {
	dir := t.TempDir()
	raw := mnisttest.Images(5, 28, 28)
	if err := os.WriteFile(filepath.Join(dir, mnist.TrainImagesFile), mnisttest.Gzip(raw), 0o644); err != nil {
		t.Fatal(err)
	}
	set, err := Load(dir, Options{Limit: 2}, &bytes.Buffer{})
	if err != nil {
		t.Fatal(err)
	}
	if set.Count != 2 || set.Size != 28 || set.Channels != 1 || set.Labelled || !bytes.Equal(set.Pixels, raw[16:16+2*784]) {
		t.Fatalf("got %d of %dx%dx%d (labelled %v), want the first 2 images as they are", set.Count, set.Size, set.Size, set.Channels, set.Labelled)
	}
	if _, err := Load(dir, Options{Limit: 6}, &bytes.Buffer{}); err == nil || !strings.Contains(err.Error(), "--limit 6") {
		t.Fatalf("--limit past the set: %v", err)
	}
}
