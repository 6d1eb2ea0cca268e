package dataset

import (
	"errors"
	"fmt"
	"image"
	"image/color"
	_ "image/gif"  // decodes GIF pictures
	_ "image/jpeg" // decodes JPEG pictures
	_ "image/png"  // decodes PNG pictures
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// pictureExts are the file endings a folder's pictures are read from.
var pictureExts = []string{".png", ".jpg", ".jpeg", ".gif"}

// maxPictures bounds the pictures one folder may give (as the IDX reader
// bounds a header's count).
const maxPictures = 1 << 20

// maxPicturePixels bounds one picture (8192 x 8192): a larger one is
// skipped before it is decoded, so that memory stays bounded.
const maxPicturePixels = 1 << 26

// readFolder reads the pictures under dir (in path order; --limit takes
// that many spread evenly over the paths), each centre-cropped to a square,
// resized to opts.Size (by default 64, or the size of the pictures when
// they are smaller and a size the model takes), composed over
// opts.Background; grey pictures give one channel unless any is in colour
// (or opts.Channels says). Headers are read first, then one picture at a
// time is decoded and resized. Pictures that do not decode or are too large
// are skipped and counted in one line to log.
func readFolder(dir string, opts Options, log io.Writer) (*Set, error) {
	paths, err := picturePaths(dir)
	if err != nil {
		return nil, err
	}
	var skipped []string
	skip := func(path string, err error) {
		skipped = append(skipped, fmt.Sprintf("%s: %v", filepath.Base(path), err))
	}
	var usable []string
	shortest := 1 << 30
	for _, p := range paths {
		cfg, err := decodeConfig(p)
		if err != nil {
			skip(p, err)
			continue
		}
		usable = append(usable, p)
		shortest = min(shortest, cfg.Width, cfg.Height)
	}
	if opts.Limit > 0 && opts.Limit < len(usable) {
		usable = spread(usable, opts.Limit)
	}
	size := opts.Size
	if size == 0 {
		size = defaultSize(shortest)
	}
	if len(usable)*size*size*max(opts.Channels, 1) > opts.maxBytes() {
		return nil, tooLarge(dir, len(usable), size, max(opts.Channels, 1), opts.maxBytes())
	}
	var pictures []*image.RGBA
	colour := false
	for _, p := range usable {
		img, err := decode(p)
		if err != nil {
			skip(p, err)
			continue
		}
		colour = colour || isColour(img)
		pictures = append(pictures, squareResize(img, size, opts.Background))
	}
	if len(skipped) > 0 {
		fmt.Fprintf(log, "--data %s: skipped %d pictures that do not decode or are too large (first: %s)\n", dir, len(skipped), skipped[0])
	}
	if len(pictures) == 0 {
		return nil, fmt.Errorf("--data %s: no usable picture (PNG, JPEG or GIF) in the folder or below it (%d skipped: they do not decode or are too large)", dir, len(skipped))
	}
	channels := opts.Channels
	if channels == 0 {
		channels = 1
		if colour {
			channels = 3
		}
	}
	set := &Set{Count: len(pictures), Size: size, Channels: channels, Kind: "folder"}
	set.Pixels = make([]byte, 0, set.Count*set.ImageBytes())
	for _, img := range pictures {
		set.Pixels = appendPixels(set.Pixels, img, channels)
	}
	return set, nil
}

// spread picks n of the paths, evenly apart from the first.
func spread(paths []string, n int) []string {
	picked := make([]string, n)
	for i := range picked {
		picked[i] = paths[i*len(paths)/n]
	}
	return picked
}

// picturePaths lists the pictures under dir, sorted.
func picturePaths(dir string) ([]string, error) {
	var paths []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type().IsRegular() && slices.Contains(pictureExts, strings.ToLower(filepath.Ext(p))) {
			if len(paths) == maxPictures {
				return fmt.Errorf("more than %d pictures: pick a subfolder", maxPictures)
			}
			paths = append(paths, p)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("--data %s: %w", dir, err)
	}
	slices.Sort(paths)
	return paths, nil
}

// decodeConfig reads a picture's header: its size, refused when it passes
// maxPicturePixels.
func decodeConfig(path string) (image.Config, error) {
	f, err := os.Open(path)
	if err != nil {
		return image.Config{}, err
	}
	defer f.Close()
	cfg, _, err := image.DecodeConfig(f)
	if err != nil {
		return image.Config{}, err
	}
	if cfg.Width < 1 || cfg.Height < 1 {
		return image.Config{}, errors.New("empty picture")
	}
	if cfg.Width*cfg.Height > maxPicturePixels {
		return image.Config{}, fmt.Errorf("%dx%d pixels, over the %d a picture may have", cfg.Width, cfg.Height, maxPicturePixels)
	}
	return cfg, nil
}

// decode reads one picture (decodeConfig has bounded its size).
func decode(path string) (image.Image, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	img, _, err := image.Decode(f)
	if err != nil {
		return nil, err
	}
	if b := img.Bounds(); b.Dx() < 1 || b.Dy() < 1 {
		return nil, errors.New("empty picture")
	}
	return img, nil
}

// defaultSize is the largest size the model takes that the shortest side of
// the pictures reaches, or the smallest size when it is below them all.
func defaultSize(shortest int) int {
	size := Sizes[0]
	for _, s := range Sizes {
		if s <= shortest {
			size = s
		}
	}
	return size
}

// isColour says whether any pixel of img has red, green and blue apart.
func isColour(img image.Image) bool {
	switch img.ColorModel() {
	case color.GrayModel, color.Gray16Model:
		return false
	}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			if r != g || g != bl {
				return true
			}
		}
	}
	return false
}
