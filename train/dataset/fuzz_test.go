package dataset

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"testing"

	"codeberg.org/sbinet/npyio"
)

// FuzzReadNPY feeds arbitrary bytes to the .npy reader of --data: it must
// return an error or a set whose pixels are exactly its images' (no panic,
// no hang, no read past the data).
func FuzzReadNPY(f *testing.F) {
	for _, v := range []any{[2][4][4][1]uint8{}, [1][3][3][3]float32{{{{0.5, -1}}}}, [2][2][2]float64{}} {
		var b bytes.Buffer
		if err := npyio.Write(&b, v); err != nil {
			f.Fatal(err)
		}
		f.Add(b.Bytes())
	}
	path := filepath.Join(f.TempDir(), "fuzz.npy")
	f.Fuzz(func(t *testing.T, raw []byte) {
		if err := os.WriteFile(path, raw, 0o644); err != nil {
			t.Fatal(err)
		}
		set, err := Load(path, Options{MaxBytes: 1 << 20}, io.Discard)
		if err == nil && (set.Count < 1 || len(set.Pixels) != set.Count*set.ImageBytes()) {
			t.Fatalf("%d images of %dx%dx%d in %d bytes", set.Count, set.Size, set.Size, set.Channels, len(set.Pixels))
		}
	})
}
