// Package mnist reads MNIST's IDX files (images and labels, gzip-compressed
// or plain), checking every header against the file before it allocates.
package mnist

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"dcganvk/nn/dcgan"
)

// maxImages bounds the image count of an IDX file (MNIST has 60000), so a
// hostile header is refused before anything is allocated.
const maxImages = 1 << 20

// idxImagesMagic is the IDX magic number of a file of unsigned bytes with
// three dimensions (count, rows, columns).
const idxImagesMagic = 0x00000803

// TrainImagesFile is the name of MNIST's training images in a data folder;
// the reader also accepts it without the .gz suffix (uncompressed).
const TrainImagesFile = "train-images-idx3-ubyte.gz"

// Images is a set of 8-bit greyscale images, stored one after another.
type Images struct {
	Count, Rows, Cols int
	Pixels            []byte
}

// ReadImages reads an IDX file of 28x28 images, gzip-compressed or plain,
// checking its magic number, its dimensions and its length before it
// allocates anything the file does not hold.
func ReadImages(path string) (*Images, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("MNIST images: %w", err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("MNIST images: %w", err)
	}
	size := int64(-1)
	if fi.Mode().IsRegular() {
		size = fi.Size()
	}
	im, err := parseImages(f, size)
	if err != nil {
		return nil, fmt.Errorf("MNIST images %s: %w", path, err)
	}
	return im, nil
}

// parseImages reads an IDX image file of size bytes (-1: unknown). The
// length of a gzip stream is unknown until it is read, so the pixels are
// read as they come: memory grows with the data, not with the header.
func parseImages(r io.Reader, size int64) (*Images, error) {
	br := bufio.NewReader(r)
	if head, err := br.Peek(2); err == nil && bytes.Equal(head, []byte{0x1f, 0x8b}) {
		gz, err := gzip.NewReader(br)
		if err != nil {
			return nil, fmt.Errorf("bad gzip header: %w", err)
		}
		defer gz.Close()
		br, size = bufio.NewReader(gz), -1
	}
	var header [4]uint32
	if err := binary.Read(br, binary.BigEndian, &header); err != nil {
		return nil, fmt.Errorf("truncated header: %w", err)
	}
	if header[0] != idxImagesMagic {
		return nil, fmt.Errorf("magic number 0x%08x is not an IDX file of images (0x%08x)", header[0], idxImagesMagic)
	}
	count, rows, cols := int64(header[1]), int64(header[2]), int64(header[3])
	if rows != int64(dcgan.MNIST.Size) || cols != int64(dcgan.MNIST.Size) {
		return nil, fmt.Errorf("the images are %dx%d, not MNIST's %dx%d", rows, cols, dcgan.MNIST.Size, dcgan.MNIST.Size)
	}
	if count < 1 || count > maxImages {
		return nil, fmt.Errorf("the header claims %d images: need 1 to %d", count, maxImages)
	}
	want := count * rows * cols
	if size >= 0 && size != 16+want {
		return nil, fmt.Errorf("the header claims %d images (%d bytes) but the file holds %d bytes after it", count, want, size-16)
	}
	pixels, err := io.ReadAll(io.LimitReader(br, want+1))
	switch {
	case err != nil:
		return nil, err
	case int64(len(pixels)) < want:
		return nil, fmt.Errorf("truncated: %d of %d image bytes", len(pixels), want)
	case int64(len(pixels)) > want:
		return nil, errors.New("longer than its header says")
	}
	return &Images{Count: int(count), Rows: int(rows), Cols: int(cols), Pixels: pixels}, nil
}

// LoadTrainingImages reads MNIST's training images from a data folder, as
// train-images-idx3-ubyte.gz or uncompressed.
func LoadTrainingImages(dir string) (*Images, error) {
	path := filepath.Join(dir, TrainImagesFile)
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		plain := path[:len(path)-len(".gz")]
		if _, err := os.Stat(plain); err == nil {
			path = plain
		} else {
			return nil, fmt.Errorf("no %s in %s: run `make data`, or pass --data", TrainImagesFile, dir)
		}
	}
	return ReadImages(path)
}
