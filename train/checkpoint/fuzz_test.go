package checkpoint

import (
	"os"
	"testing"

	"dcganvk/nn/op"
)

// A checkpoint is a file a user hands the program: its reader must answer
// any input with data or an error, never a panic, a hang or an allocation
// the file does not back. `make test` runs the target briefly;
// testdata/fuzz holds the corpus.

func FuzzParseCheckpoint(f *testing.F) {
	path := f.TempDir() + "/ckpt.safetensors"
	if err := Save(path, sampleCheckpoint()); err != nil {
		f.Fatal(err)
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(raw)
	f.Fuzz(func(t *testing.T, raw []byte) {
		ck, err := parse(raw)
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
