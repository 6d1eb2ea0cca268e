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
)

// idxLabelsMagic is the IDX magic number of a file of unsigned bytes with
// one dimension (count).
const idxLabelsMagic = 0x00000801

// ReadLabels reads an IDX file of digit labels (0 to 9), gzip-compressed or
// plain, checking its magic number, its length and every label.
func ReadLabels(path string) ([]byte, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("MNIST labels: %w", err)
	}
	labels, err := parseLabels(raw)
	if err != nil {
		return nil, fmt.Errorf("MNIST labels %s: %w", path, err)
	}
	return labels, nil
}

// parseLabels decodes a whole IDX label file.
func parseLabels(raw []byte) ([]byte, error) {
	var r io.Reader = bytes.NewReader(raw)
	if bytes.HasPrefix(raw, []byte{0x1f, 0x8b}) {
		gz, err := gzip.NewReader(r)
		if err != nil {
			return nil, fmt.Errorf("bad gzip header: %w", err)
		}
		defer gz.Close()
		r = gz
	}
	br := bufio.NewReader(r)
	var header [2]uint32
	if err := binary.Read(br, binary.BigEndian, &header); err != nil {
		return nil, fmt.Errorf("truncated header: %w", err)
	}
	if header[0] != idxLabelsMagic {
		return nil, fmt.Errorf("magic number 0x%08x is not an IDX file of labels (0x%08x)", header[0], idxLabelsMagic)
	}
	count := int64(header[1])
	if count < 1 || count > maxImages {
		return nil, fmt.Errorf("the header claims %d labels: need 1 to %d", count, maxImages)
	}
	labels, err := io.ReadAll(io.LimitReader(br, count+1))
	switch {
	case err != nil:
		return nil, err
	case int64(len(labels)) != count:
		return nil, fmt.Errorf("the header claims %d labels, the file holds %d", count, len(labels))
	}
	for i, l := range labels {
		if l > 9 {
			return nil, fmt.Errorf("label %d is %d, not a digit", i, l)
		}
	}
	return labels, nil
}

// LabelledSet is a set of MNIST images with their digits.
type LabelledSet struct {
	*Images
	Labels []byte
}

// MNIST's two sets, by the prefix of their file names.
const (
	TrainSet = "train"
	TestSet  = "t10k"
)

// LoadLabelledSet reads MNIST's training or test set (TrainSet or TestSet)
// from a data folder: <set>-images-idx3-ubyte and <set>-labels-idx1-ubyte,
// each gzip-compressed (.gz) or plain.
func LoadLabelledSet(dir, set string) (*LabelledSet, error) {
	imagesPath, err := findDataFile(dir, set+"-images-idx3-ubyte")
	if err != nil {
		return nil, err
	}
	labelsPath, err := findDataFile(dir, set+"-labels-idx1-ubyte")
	if err != nil {
		return nil, err
	}
	images, err := ReadImages(imagesPath)
	if err != nil {
		return nil, err
	}
	labels, err := ReadLabels(labelsPath)
	if err != nil {
		return nil, err
	}
	if len(labels) != images.Count {
		return nil, fmt.Errorf("MNIST %s set: %d images but %d labels", set, images.Count, len(labels))
	}
	return &LabelledSet{Images: images, Labels: labels}, nil
}

// findDataFile returns the path of name.gz in dir, or of name uncompressed.
func findDataFile(dir, name string) (string, error) {
	for _, path := range []string{filepath.Join(dir, name+".gz"), filepath.Join(dir, name)} {
		if _, err := os.Stat(path); err == nil {
			return path, nil
		} else if !errors.Is(err, os.ErrNotExist) {
			return "", fmt.Errorf("MNIST: %w", err)
		}
	}
	return "", fmt.Errorf("no %s.gz in %s: run `make data`, or pass --data", name, dir)
}

// Floats returns the pixels of images from to to-1 scaled to [-1, 1], as
// the models see them (and as the gather_images kernel scales them).
func (im *Images) Floats(from, to int) []float32 {
	size := im.Rows * im.Cols
	out := make([]float32, (to-from)*size)
	for p, b := range im.Pixels[from*size : to*size] {
		out[p] = (float32(b) - 127.5) / 127.5
	}
	return out
}
