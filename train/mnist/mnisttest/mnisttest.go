// Package mnisttest builds small files in MNIST's IDX format for tests.
package mnisttest

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
)

// The IDX magic numbers of MNIST's files: unsigned bytes in three
// dimensions (images) and in one (labels).
const (
	ImagesMagic = 0x00000803
	LabelsMagic = 0x00000801
)

// Header is an IDX header: the magic number, then each dimension, all
// big-endian 32-bit words.
func Header(magic uint32, dims ...int) []byte {
	b := binary.BigEndian.AppendUint32(nil, magic)
	for _, d := range dims {
		b = binary.BigEndian.AppendUint32(b, uint32(d))
	}
	return b
}

// Images is an IDX file of count images of rows x cols whose pixel p (over
// the whole file) is p mod 256.
func Images(count, rows, cols int) []byte {
	b := Header(ImagesMagic, count, rows, cols)
	for p := range count * rows * cols {
		b = append(b, byte(p))
	}
	return b
}

// Labels is an IDX label file claiming count labels and holding labels.
func Labels(count int, labels ...byte) []byte {
	return append(Header(LabelsMagic, count), labels...)
}

// Gzip compresses data.
func Gzip(data []byte) []byte {
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	w.Write(data) // writes to a bytes.Buffer cannot fail
	w.Close()
	return b.Bytes()
}
