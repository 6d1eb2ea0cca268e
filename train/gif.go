package train

import (
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"io"
	"os"
	"path/filepath"

	"dcganvk/train/imageio"
)

// epochGIFDelay is the time between the frames of dcgan.gif, in hundredths
// of a second.
const epochGIFDelay = 20

// EpochImageName is the file name of the grid after an epoch.
func EpochImageName(epoch int) string { return fmt.Sprintf("image_at_epoch_%04d.png", epoch) }

// asGrid is a decoded grid as Grid draws it: grey (an image.Gray) when the
// PNG is grey, RGBA otherwise.
func asGrid(img image.Image) image.Image {
	var out draw.Image = image.NewRGBA(img.Bounds())
	if img.ColorModel() == color.GrayModel {
		out = image.NewGray(img.Bounds())
	}
	draw.Draw(out, out.Bounds(), img, img.Bounds().Min, draw.Src)
	return out
}

// rebuildGIF rewrites the GIF at path from the grids of epochs 1 to last in
// dir, as a run starts, so that it holds exactly the epochs the run stands
// at whatever a kill left. A missing or unreadable grid is left out with a
// warning on log; with no grid at all, the GIF is removed.
func rebuildGIF(dir, path string, last int, log io.Writer) error {
	var frames []image.Image
	for epoch := 1; epoch <= last; epoch++ {
		img, err := imageio.ReadPNG(filepath.Join(dir, EpochImageName(epoch)))
		if err != nil {
			fmt.Fprintf(log, "warning: the GIF leaves out epoch %d: %v\n", epoch, err)
			continue
		}
		frame := asGrid(img)
		if len(frames) > 0 && frame.Bounds() != frames[0].Bounds() {
			fmt.Fprintf(log, "warning: the GIF leaves out epoch %d: its grid is %v, not %v\n", epoch, frame.Bounds(), frames[0].Bounds())
			continue
		}
		frames = append(frames, frame)
	}
	if len(frames) == 0 {
		if err := os.Remove(path); err != nil && !errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("removing %s: %w", path, err)
		}
		return nil
	}
	return imageio.WriteFramesGIF(path, frames, epochGIFDelay)
}
