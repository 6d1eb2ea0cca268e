package train

import (
	"os"
	"testing"

	"dcganvk/nn/dcgan"
	"dcganvk/nn/op"
)

// The readers of files a user hands the program must answer any input with
// data or an error: never a panic, a hang or an allocation the file does not
// back. `make test` runs each target briefly; testdata/fuzz holds the corpus.

func FuzzParseCheckpoint(f *testing.F) {
	path := f.TempDir() + "/ckpt.safetensors"
	if err := SaveCheckpoint(path, sampleCheckpoint()); err != nil {
		f.Fatal(err)
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(raw)
	f.Fuzz(func(t *testing.T, raw []byte) {
		ck, err := parseCheckpoint(raw)
		if err != nil {
			return
		}
		for name, tensor := range ck.Tensors {
			n := 1
			for _, d := range tensor.Shape {
				n *= d
			}
			if n != len(tensor.Data) || op.NonFinite(tensor.Data) > 0 {
				t.Fatalf("tensor %s: shape %v, %d values", name, tensor.Shape, len(tensor.Data))
			}
		}
	})
}

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
