package train

import (
	"testing"

	"dcganvk/nn/dcgan"
)

// The readers of files a user hands the program must answer any input with
// data or an error: never a panic, a hang or an allocation the file does not
// back. `make test` runs each target briefly; testdata/fuzz holds the corpus.

func FuzzParseNoiseNPY(f *testing.F) {
	good := float32Bytes(FixedNoise(1, 2))
	f.Add(npyFile("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 100), }\n", good))
	f.Add(npyFile("{'shape': (2, 100), 'descr': '<f4', 'fortran_order': True}", good))
	f.Fuzz(func(t *testing.T, raw []byte) {
		v, n, err := parseFloat32NPY(raw, MaxImages, []int{dcgan.NoiseDim})
		if err == nil && (n < 1 || n > MaxImages || len(v) != n*dcgan.NoiseDim) {
			t.Fatalf("%d vectors in %d values", n, len(v))
		}
	})
}
