package imageio

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unsafe"

	"codeberg.org/sbinet/npyio"

	"dcganvk/nn/dcgan"
	"dcganvk/nn/op"
	"dcganvk/train/safefile"
)

// npyMagic starts every .npy file.
var npyMagic = []byte("\x93NUMPY")

// The keys of a .npy header, a Python dict literal whose keys may come in
// any order.
var (
	npyDescr   = regexp.MustCompile(`['"]descr['"]\s*:\s*['"]([^'"]*)['"]`)
	npyFortran = regexp.MustCompile(`['"]fortran_order['"]\s*:\s*(True|False)`)
	npyShape   = regexp.MustCompile(`['"]shape['"]\s*:\s*\(([^)]*)\)`)
)

// ReadNoiseNPY reads float32 noise vectors [N, 100] from a .npy file of at
// most maxRows of them.
func ReadNoiseNPY(path string, maxRows int) ([]float32, int, error) {
	noise, n, err := readFloat32NPY(path, maxRows, dcgan.NoiseDim)
	if err != nil {
		return nil, 0, fmt.Errorf("noise: %w", err)
	}
	return noise, n, nil
}

// ReadImagesNPY reads float32 images in [-1, 1] at geometry geo, [N, S, S, C]
// (or, for one channel, [N, S, S] or [N, S*S]), from a .npy file of at most
// maxRows of them, as `generate --npy` writes them.
func ReadImagesNPY(path string, maxRows int, geo dcgan.Geometry) ([]float32, int, error) {
	images, n, err := readFloat32NPY(path, maxRows, geo.Size, geo.Size, geo.Channels)
	if err != nil {
		return nil, 0, fmt.Errorf("images: %w", err)
	}
	if bad := op.NonFinite(images); bad > 0 {
		return nil, 0, fmt.Errorf("images %s: %d pixels are NaN or infinite", path, bad)
	}
	return images, n, nil
}

// readFloat32NPY reads a .npy file of float32 rows of the given shape, at
// most maxRows of them; the row may also be given flat or without its
// trailing 1s. It returns the rows in C order and their count.
//
// npyio (v0.14.0 as v0.6.0) panics on a header without its newline or with
// its keys in another order, allocates whatever length a header claims and
// accepts truncated data, so the reader here checks the header and every
// size against the file before it allocates anything.
func readFloat32NPY(path string, maxRows int, row ...int) ([]float32, int, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, 0, err
	}
	defer f.Close()
	maxBytes := int64(12 + 1<<16 + maxRows*rowLen(row)*4)
	raw, err := io.ReadAll(io.LimitReader(f, maxBytes+1))
	if err != nil {
		return nil, 0, fmt.Errorf("%s: %w", path, err)
	}
	if int64(len(raw)) > maxBytes {
		return nil, 0, fmt.Errorf("%s is larger than %d bytes, the most that %d rows take", path, maxBytes, maxRows)
	}
	v, n, err := parseFloat32NPY(raw, maxRows, row)
	if err != nil {
		return nil, 0, fmt.Errorf("%s: %w", path, err)
	}
	return v, n, nil
}

// rowLen is the number of elements of a row shape.
func rowLen(row []int) int {
	n := 1
	for _, d := range row {
		n *= d
	}
	return n
}

// parseFloat32NPY decodes a whole .npy file of float32 [N, row...], in C
// or Fortran order.
func parseFloat32NPY(raw []byte, maxRows int, row []int) ([]float32, int, error) {
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
	if string(descr[1]) != "<f4" || len(dims) < 2 || dims[0] < 1 || !rowMatches(dims[1:], row) {
		return nil, 0, fmt.Errorf("it is %s %v; want float32 (<f4) [N,%s]", descr[1], dims, strings.Trim(fmt.Sprint(row), "[]"))
	}
	n := dims[0]
	if n > maxRows {
		return nil, 0, fmt.Errorf("it holds %d rows; at most %d", n, maxRows)
	}
	if want := n * rowLen(row) * 4; len(data) != want {
		return nil, 0, fmt.Errorf("it holds %d data bytes; its shape %v needs %d", len(data), dims, want)
	}
	v := make([]float32, n*rowLen(row))
	if _, err := binary.Decode(data, binary.LittleEndian, v); err != nil {
		return nil, 0, err
	}
	if string(fortran[1]) == "True" {
		v = fromFortran(v, dims)
	}
	return v, n, nil
}

// fromFortran reorders the elements of an array of the given shape from
// Fortran (first index fastest) to C order (last index fastest).
func fromFortran(v []float32, dims []int) []float32 {
	strides := make([]int, len(dims))
	stride := 1
	for m, d := range dims {
		strides[m], stride = stride, stride*d
	}
	out := make([]float32, len(v))
	idx := make([]int, len(dims))
	for c := range out {
		off := 0
		for m, i := range idx {
			off += i * strides[m]
		}
		out[c] = v[off]
		for m := len(idx) - 1; m >= 0; m-- { // the next C index
			if idx[m]++; idx[m] < dims[m] {
				break
			}
			idx[m] = 0
		}
	}
	return out
}

// rowMatches reports whether a file's row dimensions are the wanted row:
// the same, the same without trailing 1s, or flat.
func rowMatches(dims, row []int) bool {
	if len(dims) == 1 && dims[0] == rowLen(row) {
		return true
	}
	for len(row) > len(dims) && row[len(row)-1] == 1 {
		row = row[:len(row)-1]
	}
	return slices.Equal(dims, row)
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
	return safefile.Write(path, func(w io.Writer) error { return EncodeNoiseNPY(w, noise) })
}

// EncodeNoiseNPY writes noise vectors to w as WriteNoiseNPY writes them to a file.
func EncodeNoiseNPY(w io.Writer, noise []float32) error {
	rows := make([][dcgan.NoiseDim]float32, len(noise)/dcgan.NoiseDim)
	for i := range rows {
		copy(rows[i][:], noise[i*dcgan.NoiseDim:])
	}
	return npyio.Write(w, rows)
}

// WriteImagesNPY writes images at geometry geo as float32 [N, S, S, C] in
// [-1, 1].
func WriteImagesNPY(path string, images []float32, geo dcgan.Geometry) error {
	var out any
	switch geo {
	case dcgan.Geometry{Size: 28, Channels: 1}:
		out = asImages[[28][28][1]float32](images)
	case dcgan.Geometry{Size: 28, Channels: 3}:
		out = asImages[[28][28][3]float32](images)
	case dcgan.Geometry{Size: 32, Channels: 1}:
		out = asImages[[32][32][1]float32](images)
	case dcgan.Geometry{Size: 32, Channels: 3}:
		out = asImages[[32][32][3]float32](images)
	case dcgan.Geometry{Size: 64, Channels: 1}:
		out = asImages[[64][64][1]float32](images)
	case dcgan.Geometry{Size: 64, Channels: 3}:
		out = asImages[[64][64][3]float32](images)
	default:
		return fmt.Errorf("images %s: no .npy layout for geometry %s", path, geo)
	}
	return safefile.Write(path, func(w io.Writer) error { return npyio.Write(w, out) })
}

// asImages copies flat images into an array per image of type A (whose
// nesting gives npyio the shape [N, S, S, C]).
func asImages[A any](images []float32) []A {
	var one A
	per := int(unsafe.Sizeof(one) / 4)
	out := make([]A, len(images)/per)
	if len(out) > 0 {
		copy(unsafe.Slice((*float32)(unsafe.Pointer(&out[0])), len(out)*per), images)
	}
	return out
}
