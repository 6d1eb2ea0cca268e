package imageio

import (
	"testing"

	"dcganvk/nn/dcgan"
)

// A noise file is a file a user hands the program: its reader must answer
// any input with data or an error, never a panic, a hang or an allocation
// the file does not back. `make test` runs the target briefly;
// testdata/fuzz holds the corpus.

func FuzzParseNoiseNPY(f *testing.F) {
	good := float32Bytes(testNoise(1, 2))
	f.Add(npyFile("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 100), }\n", good))
	f.Add(npyFile("{'shape': (2, 100), 'descr': '<f4', 'fortran_order': True}", good))
	f.Fuzz(func(t *testing.T, raw []byte) {
		v, n, err := parseFloat32NPY(raw, maxNoiseRows, []int{dcgan.NoiseDim})
		if err == nil && (n < 1 || n > maxNoiseRows || len(v) != n*dcgan.NoiseDim) {
			t.Fatalf("%d vectors in %d values", n, len(v))
		}
	})
}
