package train

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
	"os"
	"regexp"
	"strconv"
	"strings"

	"codeberg.org/sbinet/npyio"

	"dcganvk/nn/dcgan"
)

// npyMagic starts every .npy file.
var npyMagic = []byte("\x93NUMPY")

// maxNoiseFileBytes bounds a noise file: the longest header the format
// allows and MaxImages float32 vectors.
const maxNoiseFileBytes = 12 + 1<<16 + MaxImages*dcgan.NoiseDim*4

// The keys of a .npy header, a Python dict literal whose keys may come in
// any order.
var (
	npyDescr   = regexp.MustCompile(`['"]descr['"]\s*:\s*['"]([^'"]*)['"]`)
	npyFortran = regexp.MustCompile(`['"]fortran_order['"]\s*:\s*(True|False)`)
	npyShape   = regexp.MustCompile(`['"]shape['"]\s*:\s*\(([^)]*)\)`)
)

// ReadNoiseNPY reads float32 noise vectors [N, 100] from a .npy file.
//
// npyio (v0.14.0 as v0.6.0) panics on a header without its newline or with
// its keys in another order, allocates whatever length a header claims and
// accepts truncated data, so the reader here checks the header and every
// size against the file before it allocates anything.
func ReadNoiseNPY(path string) ([]float32, int, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, 0, fmt.Errorf("noise: %w", err)
	}
	defer f.Close()
	raw, err := io.ReadAll(io.LimitReader(f, maxNoiseFileBytes+1))
	if err != nil {
		return nil, 0, fmt.Errorf("noise %s: %w", path, err)
	}
	if len(raw) > maxNoiseFileBytes {
		return nil, 0, fmt.Errorf("noise %s is larger than %d bytes, the most that %d vectors take", path, maxNoiseFileBytes, MaxImages)
	}
	noise, n, err := parseNoiseNPY(raw)
	if err != nil {
		return nil, 0, fmt.Errorf("noise %s: %w", path, err)
	}
	return noise, n, nil
}

// parseNoiseNPY decodes a whole .npy file of float32 [N, 100], in C or
// Fortran order.
func parseNoiseNPY(raw []byte) ([]float32, int, error) {
	header, data, err := splitNPY(raw)
	if err != nil {
		return nil, 0, err
	}
	descr, fortran, shape := npyDescr.FindSubmatch(header), npyFortran.FindSubmatch(header), npyShape.FindSubmatch(header)
	if descr == nil || fortran == nil || shape == nil {
		return nil, 0, fmt.Errorf("header %q lacks descr, fortran_order or shape", header)
	}
	dims, err := parseShape(string(shape[1]))
	if err != nil {
		return nil, 0, err
	}
	if string(descr[1]) != "<f4" || len(dims) != 2 || dims[1] != dcgan.NoiseDim || dims[0] < 1 {
		return nil, 0, fmt.Errorf("it is %s %v; want float32 (<f4) [N,%d]", descr[1], dims, dcgan.NoiseDim)
	}
	n := dims[0]
	if n > MaxImages {
		return nil, 0, fmt.Errorf("it holds %d vectors; at most %d", n, MaxImages)
	}
	if want := n * dcgan.NoiseDim * 4; len(data) != want {
		return nil, 0, fmt.Errorf("it holds %d data bytes; its shape [%d,%d] needs %d", len(data), n, dcgan.NoiseDim, want)
	}
	v := make([]float32, n*dcgan.NoiseDim)
	if _, err := binary.Decode(data, binary.LittleEndian, v); err != nil {
		return nil, 0, err
	}
	if string(fortran[1]) == "True" {
		t := make([]float32, len(v))
		for i := range n {
			for j := range dcgan.NoiseDim {
				t[i*dcgan.NoiseDim+j] = v[j*n+i]
			}
		}
		v = t
	}
	return v, n, nil
}

// splitNPY checks a .npy file's preamble and returns its header dict and
// its data, checking the header's length against the file's.
func splitNPY(raw []byte) (header, data []byte, err error) {
	if len(raw) < 10 || !bytes.Equal(raw[:6], npyMagic) {
		return nil, nil, fmt.Errorf("not a .npy file")
	}
	var start, length int
	switch raw[6] {
	case 1:
		start, length = 10, int(binary.LittleEndian.Uint16(raw[8:]))
	case 2, 3:
		if len(raw) < 12 {
			return nil, nil, fmt.Errorf("truncated preamble")
		}
		start, length = 12, int(binary.LittleEndian.Uint32(raw[8:]))
	default:
		return nil, nil, fmt.Errorf(".npy format version %d.%d is not supported", raw[6], raw[7])
	}
	if length > len(raw)-start {
		return nil, nil, fmt.Errorf("its header of %d bytes runs past the end of the %d-byte file", length, len(raw))
	}
	return raw[start : start+length], raw[start+length:], nil
}

// parseShape parses the inside of a shape tuple such as "3, 100" or "5,".
func parseShape(s string) ([]int, error) {
	var dims []int
	for _, tok := range strings.Split(s, ",") {
		if tok = strings.TrimSpace(tok); tok == "" {
			continue
		}
		d, err := strconv.Atoi(tok)
		if err != nil || d < 0 {
			return nil, fmt.Errorf("bad shape (%s)", s)
		}
		dims = append(dims, d)
	}
	return dims, nil
}

// WriteNoiseNPY writes noise vectors as float32 [N, 100].
func WriteNoiseNPY(path string, noise []float32) error {
	rows := make([][dcgan.NoiseDim]float32, len(noise)/dcgan.NoiseDim)
	for i := range rows {
		copy(rows[i][:], noise[i*dcgan.NoiseDim:])
	}
	return writeAtomic(path, func(w io.Writer) error { return npyio.Write(w, rows) })
}

// WriteImagesNPY writes images as float32 [N, 28, 28, 1] in [-1, 1].
func WriteImagesNPY(path string, images []float32) error {
	const size = dcgan.ImageSize
	out := make([][size][size][1]float32, len(images)/(size*size))
	for i := range out {
		for y := 0; y < size; y++ {
			for x := 0; x < size; x++ {
				out[i][y][x][0] = images[(i*size+y)*size+x]
			}
		}
	}
	return writeAtomic(path, func(w io.Writer) error { return npyio.Write(w, out) })
}
