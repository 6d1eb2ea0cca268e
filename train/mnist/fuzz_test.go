package mnist

import (
	"bytes"
	"testing"

	"dcganvk/nn/dcgan"
	"dcganvk/train/mnist/mnisttest"
)

// The IDX reader must answer any input with data or an error: never a
// panic, a hang or an allocation the file does not back. `make test` runs
// the target briefly; testdata/fuzz holds the corpus.
func FuzzParseImages(f *testing.F) {
	f.Add(mnisttest.Images(1, 28, 28))
	f.Add(mnisttest.Gzip(mnisttest.Images(2, 28, 28)))
	f.Add(mnisttest.Header(mnisttest.ImagesMagic, 1<<20, 28, 28))
	f.Fuzz(func(t *testing.T, raw []byte) {
		im, err := parseImages(bytes.NewReader(raw), int64(len(raw)))
		if err == nil && len(im.Pixels) != im.Count*dcgan.MNIST.Pixels() {
			t.Fatalf("%d images but %d pixels", im.Count, len(im.Pixels))
		}
	})
}
