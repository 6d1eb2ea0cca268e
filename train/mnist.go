// Package train runs the notebook's training: MNIST on the device, the train
// step replayed every batch, sample grids, the GIF, checkpoints and logs.
package train

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
)

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

// ReadImages reads an IDX image file, gzip-compressed or plain, checking its
// magic number, its dimensions and its length.
func ReadImages(path string) (*Images, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("MNIST images: %w", err)
	}
	defer f.Close()
	im, err := parseImages(f)
	if err != nil {
		return nil, fmt.Errorf("MNIST images %s: %w", path, err)
	}
	return im, nil
}

func parseImages(r io.Reader) (*Images, error) {
	br := bufio.NewReader(r)
	if head, err := br.Peek(2); err == nil && bytes.Equal(head, []byte{0x1f, 0x8b}) {
		gz, err := gzip.NewReader(br)
		if err != nil {
			return nil, fmt.Errorf("bad gzip header: %w", err)
		}
		defer gz.Close()
		br = bufio.NewReader(gz)
	}
	var header [4]uint32
	if err := binary.Read(br, binary.BigEndian, &header); err != nil {
		return nil, fmt.Errorf("truncated header: %w", err)
	}
	if header[0] != idxImagesMagic {
		return nil, fmt.Errorf("magic number 0x%08x is not an IDX file of images (0x%08x)", header[0], idxImagesMagic)
	}
	count, rows, cols := int(header[1]), int(header[2]), int(header[3])
	if count == 0 || rows == 0 || cols == 0 || rows > 4096 || cols > 4096 || count > 1<<24 {
		return nil, fmt.Errorf("implausible dimensions %d x %d x %d", count, rows, cols)
	}
	im := &Images{Count: count, Rows: rows, Cols: cols, Pixels: make([]byte, count*rows*cols)}
	if n, err := io.ReadFull(br, im.Pixels); err != nil {
		return nil, fmt.Errorf("truncated: %d of %d image bytes (%w)", n, len(im.Pixels), err)
	}
	if _, err := br.ReadByte(); err == nil {
		return nil, errors.New("longer than its header says")
	} else if err != io.EOF {
		return nil, err
	}
	return im, nil
}

// LoadTrainingImages reads MNIST's training images from a data folder, as
// train-images-idx3-ubyte.gz or uncompressed, and checks they are 28x28.
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
	im, err := ReadImages(path)
	if err != nil {
		return nil, err
	}
	if im.Rows != 28 || im.Cols != 28 {
		return nil, fmt.Errorf("MNIST images %s are %dx%d, not 28x28", path, im.Rows, im.Cols)
	}
	return im, nil
}

// First returns the first n images (all of them when n is 0).
func (im *Images) First(n int) (*Images, error) {
	if n == 0 {
		return im, nil
	}
	if n < 0 || n > im.Count {
		return nil, fmt.Errorf("--limit %d: the set has %d images", n, im.Count)
	}
	size := im.Rows * im.Cols
	return &Images{Count: n, Rows: im.Rows, Cols: im.Cols, Pixels: im.Pixels[:n*size]}, nil
}
