// Package dataset reads the training images `--data` names: a folder in
// MNIST's IDX layout, a folder of PNG, JPEG or GIF pictures (searched
// recursively), or a .npy array [N,H,W,C] of uint8 or float images; each
// comes out at the model's geometry, size x size pixels of 1 or 3 channels.
package dataset

import (
	"fmt"
	"image/color"
	"io"
	"os"
	"path/filepath"
	"strings"

	"dcganvk/train/mnist"
)

// Sizes and channel counts the model takes (see dcgan.Geometry).
var (
	Sizes    = []int{28, 32, 64}
	Channels = []int{1, 3}
)

// MaxBytes bounds a set's pixels when the device's own bound is not known:
// Vulkan guarantees every device a storage buffer range of 2^27 bytes, and
// the set lives in one buffer.
const MaxBytes = 1 << 27

// Set is Count images of Size x Size pixels of Channels bytes each (grey, or
// red, green, blue), stored one after another, rows top to bottom.
type Set struct {
	Count, Size, Channels int
	Pixels                []byte
	// Kind says where the images came from ("MNIST IDX", "folder", ".npy").
	Kind string
	// Labelled is true when the data holds IDX labels (the judge's cases).
	Labelled bool
}

// ImageBytes is the length of one image.
func (s *Set) ImageBytes() int { return s.Size * s.Size * s.Channels }

// Options says the geometry wanted (0: the data's) and the background the
// alpha of a picture is composed over.
type Options struct {
	Size, Channels int
	Background     color.Color
	// Limit keeps only Limit images (0: all): the first ones of IDX and
	// .npy data, a folder's spread evenly over its sorted paths.
	Limit int
	// MaxBytes bounds the set's pixels: the largest storage buffer the
	// device takes (0: MaxBytes, what every device takes).
	MaxBytes int
}

// maxBytes is the bound on a set's pixels.
func (o Options) maxBytes() int {
	if o.MaxBytes > 0 {
		return o.MaxBytes
	}
	return MaxBytes
}

// Load reads the images at path, converts them to the geometry opts asks
// for and checks the result fits one device buffer. Warnings (pictures
// skipped) go to log, one line in all.
func Load(path string, opts Options, log io.Writer) (*Set, error) {
	if err := checkGeometry(opts.Size, opts.Channels); err != nil {
		return nil, err
	}
	if opts.Background == nil {
		opts.Background = color.Black
	}
	fi, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("--data %s: %w", path, err)
	}
	var set *Set
	switch {
	case !fi.IsDir() && strings.EqualFold(filepath.Ext(path), ".npy"):
		set, err = readNPY(path, opts)
	case !fi.IsDir():
		return nil, fmt.Errorf("--data %s: need a folder (MNIST IDX files or pictures) or a .npy file", path)
	case isIDXFolder(path):
		set, err = readIDX(path)
	default:
		set, err = readFolder(path, opts, log)
	}
	if err != nil {
		return nil, err
	}
	if set, err = set.first(opts.Limit); err != nil {
		return nil, err
	}
	if set, err = set.convert(opts); err != nil {
		return nil, fmt.Errorf("--data %s: %w", path, err)
	}
	if len(set.Pixels) > opts.maxBytes() {
		return nil, tooLarge(path, set.Count, set.Size, set.Channels, opts.maxBytes())
	}
	return set, nil
}

// tooLarge is the error of a set that one device buffer of maxBytes may not
// hold.
func tooLarge(path string, count, size, channels, maxBytes int) error {
	return fmt.Errorf("--data %s: %d images of %dx%dx%d pass the %d bytes one device buffer holds: --limit %d would fit",
		path, count, size, size, channels, maxBytes, maxBytes/(size*size*channels))
}

// keptCount is how many of n images --limit keeps.
func keptCount(n, limit int) int {
	if limit > 0 {
		return min(n, limit)
	}
	return n
}

// checkGeometry refuses a size or a channel count the model cannot take
// (0 stands for the data's own).
func checkGeometry(size, channels int) error {
	if size != 0 && !contains(Sizes, size) {
		return fmt.Errorf("--size %d: the model takes %v pixels", size, Sizes)
	}
	if channels != 0 && !contains(Channels, channels) {
		return fmt.Errorf("--channels %d: the model takes 1 (grey) or 3 (colour)", channels)
	}
	return nil
}

func contains(list []int, v int) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

// isIDXFolder says whether dir holds MNIST's training images.
func isIDXFolder(dir string) bool {
	return hasEither(dir, strings.TrimSuffix(mnist.TrainImagesFile, ".gz"))
}

// hasEither says whether dir holds name, plain or with .gz.
func hasEither(dir, name string) bool {
	for _, n := range []string{name, name + ".gz"} {
		if _, err := os.Stat(filepath.Join(dir, n)); err == nil {
			return true
		}
	}
	return false
}

// readIDX reads MNIST's training images; the folder is labelled when it
// also holds the training labels.
func readIDX(dir string) (*Set, error) {
	im, err := mnist.LoadTrainingImages(dir)
	if err != nil {
		return nil, err
	}
	labelled := hasEither(dir, "train-labels-idx1-ubyte") && hasEither(dir, "t10k-images-idx3-ubyte") && hasEither(dir, "t10k-labels-idx1-ubyte")
	return &Set{Count: im.Count, Size: im.Rows, Channels: 1, Pixels: im.Pixels, Kind: "MNIST IDX", Labelled: labelled}, nil
}

// first keeps the first n images (all when n is 0).
func (s *Set) first(n int) (*Set, error) {
	switch {
	case n == 0:
		return s, nil
	case n < 0 || n > s.Count:
		return nil, fmt.Errorf("--limit %d: the set has %d images", n, s.Count)
	}
	c := *s
	c.Count, c.Pixels = n, s.Pixels[:n*s.ImageBytes()]
	return &c, nil
}
