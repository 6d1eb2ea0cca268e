package imageio

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/color/palette"
	"image/draw"
	"image/gif"
	"io"
	"os"

	"dcganvk/train/safefile"
)

// grayPalette maps index i to grey level i, so that a grid (image.Gray)
// becomes a GIF frame as it is, with no colour quantization.
var grayPalette = func() color.Palette {
	p := make(color.Palette, 256)
	for i := range p {
		p[i] = color.Gray{Y: uint8(i)}
	}
	return p
}()

// paletted is frame as a GIF frame: a grey grid as it is over grayPalette
// (no quantization), a colour one mapped to Plan 9's 256 colours.
func paletted(frame image.Image) *image.Paletted {
	if g, ok := frame.(*image.Gray); ok {
		return &image.Paletted{Pix: g.Pix, Stride: g.Stride, Rect: g.Rect, Palette: grayPalette}
	}
	p := image.NewPaletted(frame.Bounds(), palette.Plan9)
	draw.Draw(p, p.Rect, frame, frame.Bounds().Min, draw.Src)
	return p
}

// encodeGIF encodes frames as a looping GIF, delay hundredths of a second
// apart, with the first frame's palette (see paletted) as its global colour
// table. gif.EncodeAll writes
// the loop extension only for two frames or more, so a single frame is
// encoded twice and the copy cut off again.
func encodeGIF(frames []image.Image, delay int) ([]byte, error) {
	if len(frames) == 0 {
		return nil, errors.New("a GIF needs at least one frame")
	}
	if len(frames) == 1 {
		raw, err := encodeGIF([]image.Image{frames[0], frames[0]}, delay)
		if err != nil {
			return nil, err
		}
		frame, err := gifFrame(frames[0], delay)
		if err != nil {
			return nil, err
		}
		end := len(raw) - 1 - len(frame)
		return append(raw[:end:end], raw[len(raw)-1]), nil
	}
	b := frames[0].Bounds()
	anim := &gif.GIF{Config: image.Config{ColorModel: paletted(frames[0]).Palette, Width: b.Dx(), Height: b.Dy()}}
	for _, f := range frames {
		anim.Image = append(anim.Image, paletted(f))
		anim.Delay = append(anim.Delay, delay)
	}
	var out bytes.Buffer
	if err := gif.EncodeAll(&out, anim); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// gifFrame is the encoding of one frame as encodeGIF writes it inside a
// file: its graphic control extension, image descriptor and LZW data. It
// cuts them out of a GIF of that frame alone: after the 6-byte signature
// and the 7-byte screen descriptor, whose byte 10 gives the global colour
// table's size (3·2^(k+1) bytes for its low 3 bits k), and before the
// trailer byte.
func gifFrame(frame image.Image, delay int) ([]byte, error) {
	b := frame.Bounds()
	p := paletted(frame)
	anim := &gif.GIF{Config: image.Config{ColorModel: p.Palette, Width: b.Dx(), Height: b.Dy()},
		Image: []*image.Paletted{p}, Delay: []int{delay}}
	var out bytes.Buffer
	if err := gif.EncodeAll(&out, anim); err != nil {
		return nil, err
	}
	raw := out.Bytes()
	start := 13 + 3<<(raw[10]&7+1)
	return raw[start : len(raw)-1], nil
}

// gifTrailer ends every GIF file.
const gifTrailer = 0x3b

// AppendGIFFrame adds a frame at the end of the GIF at path, written by
// encodeGIF with the same delay, without reading or rewriting the frames
// before it; with no GIF there, it starts one. The cost of an epoch's frame
// does not grow with the run. A kill during the write can leave the GIF
// torn: the caller rebuilds it from its frames (WriteFramesGIF).
func AppendGIFFrame(path string, frame image.Image, delay int) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if errors.Is(err, os.ErrNotExist) {
		raw, err := encodeGIF([]image.Image{frame}, delay)
		if err != nil {
			return fmt.Errorf("writing %s: %w", path, err)
		}
		return safefile.Write(path, func(w io.Writer) error { _, err := w.Write(raw); return err })
	}
	if err != nil {
		return fmt.Errorf("appending to %s: %w", path, err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return fmt.Errorf("appending to %s: %w", path, err)
	}
	last := make([]byte, 1)
	if _, err := f.ReadAt(last, fi.Size()-1); err != nil || last[0] != gifTrailer {
		return fmt.Errorf("appending to %s: it does not end like a GIF (%v)", path, err)
	}
	data, err := gifFrame(frame, delay)
	if err != nil {
		return fmt.Errorf("appending to %s: %w", path, err)
	}
	if _, err := f.WriteAt(append(data, gifTrailer), fi.Size()-1); err != nil {
		return fmt.Errorf("appending to %s: %w", path, err)
	}
	if err := f.Sync(); err != nil {
		return fmt.Errorf("appending to %s: %w", path, err)
	}
	return f.Close()
}

// WriteFramesGIF writes images as a looping animated GIF, delay hundredths
// of a second apart.
func WriteFramesGIF(path string, frames []image.Image, delay int) error {
	raw, err := encodeGIF(frames, delay)
	if err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return safefile.Write(path, func(w io.Writer) error { _, err := w.Write(raw); return err })
}

// EncodeFramesGIF writes images to w as WriteFramesGIF writes them to a file.
func EncodeFramesGIF(w io.Writer, frames []image.Image, delay int) error {
	raw, err := encodeGIF(frames, delay)
	if err != nil {
		return err
	}
	_, err = w.Write(raw)
	return err
}
