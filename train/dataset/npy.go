package dataset

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"slices"
	"strings"

	"codeberg.org/sbinet/npyio"
)

// readNPY reads a .npy array [N,H,W,C] (or [N,H,W], one channel) of square
// images: uint8 as they are, float32 or float64 in [0,1], or in [-1,1] when
// any value is negative (the generator's own range).
//
// npyio panics on some malformed headers and accepts truncated data, so
// its panics become errors here and the file's length must be exactly its
// header's and the shape's.
func readNPY(path string, opts Options) (set *Set, err error) {
	defer func() {
		if r := recover(); r != nil {
			set, err = nil, fmt.Errorf("--data %s: not a .npy file that can be read (%v)", path, r)
		}
	}()
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("--data %s: %w", path, err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("--data %s: %w", path, err)
	}
	offset, err := npyDataOffset(f)
	if err != nil {
		return nil, fmt.Errorf("--data %s: %w", path, err)
	}
	if offset > min(fi.Size(), maxNPYHeader) {
		return nil, fmt.Errorf("--data %s: a header of %d bytes in a file of %d", path, offset, fi.Size())
	}
	r, err := npyio.NewReader(bufio.NewReader(f))
	if err != nil {
		return nil, fmt.Errorf("--data %s: %w", path, err)
	}
	shape := slices.Clone(r.Header.Descr.Shape)
	if len(shape) == 3 {
		shape = append(shape, 1)
	}
	if len(shape) != 4 || shape[1] != shape[2] || shape[0] < 1 || shape[1] < 1 || shape[3] < 1 {
		return nil, fmt.Errorf("--data %s: shape %v: need [N,H,W,C] (or [N,H,W]) of square images", path, r.Header.Descr.Shape)
	}
	if r.Header.Descr.Fortran {
		return nil, fmt.Errorf("--data %s: Fortran order: save the array in C order", path)
	}
	n, size, channels := shape[0], shape[1], shape[3]
	values := int64(1)
	for _, d := range shape {
		if values > fi.Size()/int64(d) { // d >= 1; checked before the product, which cannot overflow
			return nil, fmt.Errorf("--data %s: shape %v: more values than the file's %d bytes", path, r.Header.Descr.Shape, fi.Size())
		}
		values *= int64(d)
	}
	var itemSize int64
	switch strings.Trim(r.Header.Descr.Type, "'\"") {
	case "|u1", "<u1", "u1":
		itemSize = 1
	case "<f4":
		itemSize = 4
	case "<f8":
		itemSize = 8
	default:
		return nil, fmt.Errorf("--data %s: dtype %s: need uint8, float32 or float64 (little-endian)", path, r.Header.Descr.Type)
	}
	if offset+values*itemSize != fi.Size() {
		return nil, fmt.Errorf("--data %s: the header claims %d values of %d bytes but the file holds %d bytes after it", path, values, itemSize, fi.Size()-offset)
	}
	if kept := keptCount(n, opts.Limit); int64(kept)*int64(size*size*channels) > int64(opts.maxBytes()) {
		return nil, tooLarge(path, kept, size, channels, opts.maxBytes())
	}
	set = &Set{Count: n, Size: size, Channels: channels, Kind: ".npy"}
	switch itemSize {
	case 1:
		err = r.Read(&set.Pixels)
	case 4:
		var v []float32
		if err = r.Read(&v); err == nil {
			set.Pixels, err = floatBytes(v)
		}
	default:
		var v []float64
		if err = r.Read(&v); err == nil {
			set.Pixels, err = floatBytes(v)
		}
	}
	if err != nil {
		return nil, fmt.Errorf("--data %s: %w", path, err)
	}
	if int64(len(set.Pixels)) != values {
		return nil, fmt.Errorf("--data %s: %d values read, the shape says %d", path, len(set.Pixels), values)
	}
	return set, nil
}

// floatBytes maps float pixels to bytes: from [0,1], or from [-1,1] when any
// value is negative; a value outside that range is an error.
func floatBytes[F float32 | float64](v []F) ([]byte, error) {
	lo, hi := F(0), F(1)
	if slices.ContainsFunc(v, func(x F) bool { return x < 0 }) {
		lo = -1
	}
	out := make([]byte, len(v))
	for i, x := range v {
		if !(x >= lo && x <= hi) {
			return nil, fmt.Errorf("value %g at index %d: float images must lie in [0,1] or [-1,1]", float64(x), i)
		}
		out[i] = byte(math.Round(float64(x-lo) / float64(hi-lo) * 255))
	}
	return out, nil
}

// maxNPYHeader bounds a .npy header (numpy writes well under 1 KiB) so that
// a damaged length cannot make the reader allocate gigabytes.
const maxNPYHeader = 1 << 20

// npyDataOffset is where the data of the .npy file f starts: after the
// 6-byte magic, the 2-byte version and the header, whose length is a
// little-endian uint16 (version 1) or uint32 (2 and 3). f is left at its start.
func npyDataOffset(f *os.File) (int64, error) {
	var prefix [12]byte
	if _, err := io.ReadFull(f, prefix[:]); err != nil {
		return 0, fmt.Errorf("too short for a .npy header: %w", err)
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return 0, err
	}
	if string(prefix[:6]) != "\x93NUMPY" {
		return 0, errors.New("not a .npy file (no \\x93NUMPY magic)")
	}
	switch prefix[6] {
	case 1:
		return 10 + int64(binary.LittleEndian.Uint16(prefix[8:])), nil
	case 2, 3:
		return 12 + int64(binary.LittleEndian.Uint32(prefix[8:])), nil
	}
	return 0, fmt.Errorf(".npy version %d: need 1, 2 or 3", prefix[6])
}
