package imageio

import (
	"bytes"
	"encoding/binary"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"codeberg.org/sbinet/npyio"

	"dcganvk/internal/filetest"
	"dcganvk/nn/dcgan"
)

// npyFile builds a .npy file of format version 1 from a header dict and the
// raw data that follows it.
func npyFile(header string, data []byte) []byte {
	var b bytes.Buffer
	b.Write(npyMagic)
	b.Write([]byte{1, 0})
	binary.Write(&b, binary.LittleEndian, uint16(len(header)))
	b.WriteString(header)
	b.Write(data)
	return b.Bytes()
}

// float32Bytes is v as little-endian float32s.
func float32Bytes(v []float32) []byte {
	b, _ := binary.Append(nil, binary.LittleEndian, v)
	return b
}

// The row limits the tests read files under: those generate and eval pass.
const (
	maxNoiseRows = 4096
	maxImageRows = 60000
)

// testNoise is n noise vectors of seed.
func testNoise(seed uint64, n int) []float32 {
	rng := rand.New(rand.NewPCG(seed, 0))
	v := make([]float32, n*dcgan.NoiseDim)
	for i := range v {
		v[i] = float32(rng.NormFloat64())
	}
	return v
}

// parseNoiseNPY parses a noise file's bytes as ReadNoiseNPY does.
func parseNoiseNPY(raw []byte) ([]float32, int, error) {
	return parseFloat32NPY(raw, maxNoiseRows, []int{dcgan.NoiseDim})
}

func TestNoiseNPYReadsWhatNpyioWrites(t *testing.T) {
	noise := testNoise(3, 4)
	path := filepath.Join(t.TempDir(), "z.npy")
	if err := WriteNoiseNPY(path, noise); err != nil {
		t.Fatal(err)
	}
	got, n, err := ReadNoiseNPY(path, maxNoiseRows)
	if err != nil || n != 4 || !slices.Equal(got, noise) {
		t.Fatalf("read %d vectors, %v", n, err)
	}
	// The same file through npyio's own reader, so both agree on the format.
	f, _ := os.Open(path)
	defer f.Close()
	var viaLib []float32
	if err := npyio.Read(f, &viaLib); err != nil || !slices.Equal(viaLib, noise) {
		t.Fatalf("npyio reads it otherwise: %v", err)
	}
}

func TestNoiseNPYAcceptsValidVariants(t *testing.T) {
	noise := testNoise(4, 3)
	colMajor := make([]float32, len(noise))
	for i := range 3 {
		for j := range dcgan.NoiseDim {
			colMajor[j*3+i] = noise[i*dcgan.NoiseDim+j]
		}
	}
	cases := map[string][]byte{
		"keys in another order": npyFile("{'shape': (3, 100), 'fortran_order': False, 'descr': '<f4', }\n", float32Bytes(noise)),
		"no newline":            npyFile("{'descr': '<f4', 'fortran_order': False, 'shape': (3, 100), }", float32Bytes(noise)),
		"fortran order":         npyFile("{'descr': '<f4', 'fortran_order': True, 'shape': (3, 100), }\n", float32Bytes(colMajor)),
	}
	for name, raw := range cases {
		got, n, err := parseNoiseNPY(raw)
		if err != nil || n != 3 || !slices.Equal(got, noise) {
			t.Errorf("%s: %d vectors, %v", name, n, err)
		}
	}
}

func TestNoiseNPYChecksSizesFirst(t *testing.T) {
	good := float32Bytes(testNoise(4, 3))
	huge := npyFile("{'descr': '<f4', 'fortran_order': False, 'shape': (1099511627776, 100), }\n", good)
	rows := npyFile("{'descr': '<f4', 'fortran_order': False, 'shape': (5400000, 100), }\n", make([]byte, 1600))
	longHeader := append(append([]byte{}, npyMagic...), 2, 0, 0xf0, 0xff, 0xff, 0xff)
	cases := map[string][]byte{
		"shape 2^40 rows":     huge,
		"5.4M rows in 1.7 KB": rows,
		"header of 4 GiB":     append(longHeader, []byte("{'descr'")...),
		"truncated data":      npyFile("{'descr': '<f4', 'fortran_order': False, 'shape': (3, 100), }\n", good[:len(good)-7]),
		"trailing data":       npyFile("{'descr': '<f4', 'fortran_order': False, 'shape': (3, 100), }\n", append(good, 0, 0, 0, 0)),
		"float64":             npyFile("{'descr': '<f8', 'fortran_order': False, 'shape': (3, 100), }\n", good),
		"no shape":            npyFile("{'descr': '<f4', 'fortran_order': False}\n", good),
		"negative rows":       npyFile("{'descr': '<f4', 'fortran_order': False, 'shape': (-3, 100), }\n", good),
		"more than the limit": npyFile("{'descr': '<f4', 'fortran_order': False, 'shape': (4097, 100), }\n", make([]byte, 4097*400)),
		"rows of 99":          npyFile("{'descr': '<f4', 'fortran_order': False, 'shape': (3, 99), }\n", good),
		"not npy":             []byte("not npy"),
		"preamble only":       npyMagic,
		"unknown version 9":   append(append([]byte{}, npyMagic...), 9, 0, 0, 0),
	}
	for name, raw := range cases {
		start := time.Now()
		_, _, err := parseNoiseNPY(raw)
		if err == nil {
			t.Errorf("%s: accepted", name)
		}
		if d := time.Since(start); d > time.Second {
			t.Errorf("%s: took %v", name, d)
		}
	}
	big := filepath.Join(t.TempDir(), "big.npy")
	os.WriteFile(big, make([]byte, 12+1<<16+maxNoiseRows*dcgan.NoiseDim*4+1), 0o644)
	if _, _, err := ReadNoiseNPY(big, maxNoiseRows); err == nil || !strings.Contains(err.Error(), "larger than") {
		t.Errorf("a file over the cap: %v", err)
	}
}

// TestImagesNPYReadsEveryLayout reads images written by WriteImagesNPY
// (npyio, [N,28,28,1]) and the same images as [N,28,28], [N,784] and in
// Fortran order; an NCHW file and a NaN pixel are refused.
func TestImagesNPYReadsEveryLayout(t *testing.T) {
	const n, size = 3, 28
	images := make([]float32, n*size*size)
	for i := range images {
		images[i] = float32(i%251)/125 - 1
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "written.npy")
	if err := WriteImagesNPY(path, images, dcgan.MNIST); err != nil {
		t.Fatal(err)
	}
	fortran := make([]float32, len(images)) // (i, y, x) at i + n*(y + 28*x)
	for i := range n {
		for y := range size {
			for x := range size {
				fortran[i+n*(y+size*x)] = images[(i*size+y)*size+x]
			}
		}
	}
	files := map[string][]byte{
		"flat.npy":    npyFile("{'descr': '<f4', 'fortran_order': False, 'shape': (3, 784), }\n", float32Bytes(images)),
		"nhw.npy":     npyFile("{'descr': '<f4', 'fortran_order': False, 'shape': (3, 28, 28), }\n", float32Bytes(images)),
		"fortran.npy": npyFile("{'descr': '<f4', 'fortran_order': True, 'shape': (3, 28, 28), }\n", float32Bytes(fortran)),
	}
	for name, raw := range files {
		filetest.Write(t, dir, name, raw)
	}
	for _, name := range []string{"written.npy", "flat.npy", "nhw.npy", "fortran.npy"} {
		got, count, err := ReadImagesNPY(filepath.Join(dir, name), maxImageRows, dcgan.MNIST)
		if err != nil || count != n || !slices.Equal(got, images) {
			t.Errorf("%s: %d images, %v", name, count, err)
		}
	}
	nan := slices.Clone(images)
	nan[5] = float32(math.NaN())
	filetest.Write(t, dir, "nchw.npy", npyFile("{'descr': '<f4', 'fortran_order': False, 'shape': (3, 1, 28, 28), }\n", float32Bytes(images)))
	filetest.Write(t, dir, "nan.npy", npyFile("{'descr': '<f4', 'fortran_order': False, 'shape': (3, 784), }\n", float32Bytes(nan)))
	for name, want := range map[string]string{"nchw.npy": "want float32", "nan.npy": "NaN"} {
		if _, _, err := ReadImagesNPY(filepath.Join(dir, name), maxImageRows, dcgan.MNIST); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v, want an error saying %q", name, err, want)
		}
	}
}
