package dataset

import (
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

// readFolder reads every picture under dir (in path order), each centre-
// cropped to a square, resized to opts.Size (by default 64, or the size of
// the pictures when they are smaller and a size the model takes), composed
// over opts.Background; grey pictures give one channel unless any is in
// colour (or opts.Channels says). Pictures that do not decode are skipped
// and counted in one line to log.
func readFolder(dir string, opts Options, log io.Writer) (*Set, error) {
	paths, err := picturePaths(dir)
	if err != nil {
		return nil, err
	}
	var pictures []image.Image
	var broken []string
	for _, p := range paths {
		img, err := decode(p)
		if err != nil {
			broken = append(broken, filepath.Base(p))
			continue
		}
		if opts.Limit > 0 && len(pictures) == opts.Limit {
			break
		}
		pictures = append(pictures, img)
	}
	if len(broken) > 0 {
		fmt.Fprintf(log, "--data %s: skipped %d pictures that do not decode (first: %s)\n", dir, len(broken), broken[0])
	}
	if len(pictures) == 0 {
		return nil, fmt.Errorf("--data %s: no usable picture (PNG, JPEG or GIF) in the folder or below it (%d files that do not decode)", dir, len(broken))
	}
	size, channels := opts.Size, opts.Channels
	if size == 0 {
		size = defaultSize(pictures)
	}
	if channels == 0 {
		channels = 1
		if slices.ContainsFunc(pictures, isColour) {
			channels = 3
		}
	}
	set := &Set{Count: len(pictures), Size: size, Channels: channels, Kind: "folder"}
	if int64(set.Count)*int64(set.ImageBytes()) > MaxBytes {
		return nil, tooLarge(dir, set.Count, size, channels)
	}
	set.Pixels = make([]byte, 0, set.Count*set.ImageBytes())
	for _, img := range pictures {
		set.Pixels = appendPixels(set.Pixels, squareResize(img, size, opts.Background), channels)
	}
	return set, nil
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

// decode reads one picture.
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
		return nil, fmt.Errorf("%s: empty picture", path)
	}
	return img, nil
}

// defaultSize is the largest size the model takes that no picture's
// shorter side is below, or the smallest size when every picture is smaller.
func defaultSize(pictures []image.Image) int {
	shortest := 1 << 30
	for _, img := range pictures {
		b := img.Bounds()
		shortest = min(shortest, b.Dx(), b.Dy())
	}
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
