package dataset

import (
	"fmt"
	"image"
	"image/color"
	"image/draw"

	xdraw "golang.org/x/image/draw"
)

// squareResize centre-crops img to a square, composes it over background
// and resizes it to size x size with Catmull-Rom resampling.
func squareResize(img image.Image, size int, background color.Color) *image.RGBA {
	b := img.Bounds()
	side := min(b.Dx(), b.Dy())
	crop := image.Rect(0, 0, side, side).Add(image.Pt(b.Min.X+(b.Dx()-side)/2, b.Min.Y+(b.Dy()-side)/2))
	flat := image.NewRGBA(image.Rect(0, 0, side, side))
	draw.Draw(flat, flat.Bounds(), image.NewUniform(background), image.Point{}, draw.Src)
	draw.Draw(flat, flat.Bounds(), img, crop.Min, draw.Over)
	if side == size {
		return flat
	}
	out := image.NewRGBA(image.Rect(0, 0, size, size))
	xdraw.CatmullRom.Scale(out, out.Bounds(), flat, flat.Bounds(), draw.Src, nil)
	return out
}

// appendPixels appends img's pixels to dst: grey (luma) for one channel,
// red, green and blue for three.
func appendPixels(dst []byte, img *image.RGBA, channels int) []byte {
	for i := 0; i < len(img.Pix); i += 4 {
		r, g, b := img.Pix[i], img.Pix[i+1], img.Pix[i+2]
		if channels == 1 {
			dst = append(dst, color.GrayModel.Convert(color.RGBA{r, g, b, 255}).(color.Gray).Y)
		} else {
			dst = append(dst, r, g, b)
		}
	}
	return dst
}

// toImage views image i of s as a picture (grey or RGB).
func (s *Set) toImage(i int) image.Image {
	px := s.Pixels[i*s.ImageBytes() : (i+1)*s.ImageBytes()]
	r := image.Rect(0, 0, s.Size, s.Size)
	if s.Channels == 1 {
		return &image.Gray{Pix: px, Stride: s.Size, Rect: r}
	}
	rgba := image.NewRGBA(r)
	for p := range s.Size * s.Size {
		copy(rgba.Pix[4*p:], px[3*p:3*p+3])
		rgba.Pix[4*p+3] = 255
	}
	return rgba
}

// convert resizes s and changes its channel count to what opts asks for
// (0: as it is); a set already at that geometry is returned as it is.
func (s *Set) convert(opts Options) (*Set, error) {
	size, channels := opts.Size, opts.Channels
	if size == 0 {
		size = s.Size
	}
	if channels == 0 {
		channels = s.Channels
	}
	if !contains(Sizes, size) {
		return nil, fmt.Errorf("the images are %dx%d: pass --size (the model takes %v)", s.Size, s.Size, Sizes)
	}
	if !contains(Channels, channels) {
		return nil, fmt.Errorf("the images have %d channels: the model takes 1 (grey) or 3 (colour)", s.Channels)
	}
	if size == s.Size && channels == s.Channels {
		return s, nil
	}
	out := *s
	out.Size, out.Channels = size, channels
	out.Pixels = make([]byte, 0, s.Count*out.ImageBytes())
	for i := range s.Count {
		out.Pixels = appendPixels(out.Pixels, squareResize(s.toImage(i), size, color.Black), channels)
	}
	return &out, nil
}
