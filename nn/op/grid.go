package op

import "fmt"

// GridPixels draws N images [N, Size, Size, Channels] with values in
// [-1, 1] as a grid of Cols columns for the screen: each image pixel becomes
// Scale x Scale screen pixels, cells are Gap pixels apart on a background of
// grey Background, and a value v becomes the level round((v+1)·127.5)
// clamped to [0, 255]. Each output word is an opaque pixel whose bytes in
// memory are R, G, B, A (B, G, R, A when BGRA is set, as a swapchain may
// want): a grey image's 0xFF000000 | g·0x010101 reads the same in both.
// Width() x Height() words, row-major.
type GridPixels struct {
	Images, Pixels                      *Tensor
	N, Size, Channels, Cols, Scale, Gap int
	Background                          uint8
	BGRA                                bool
}

// Rows is the number of rows of cells.
func (o *GridPixels) Rows() int { return (o.N + o.Cols - 1) / o.Cols }

// Width is the grid's width in screen pixels.
func (o *GridPixels) Width() int { return o.Cols*(o.Size*o.Scale+o.Gap) + o.Gap }

// Height is the grid's height in screen pixels.
func (o *GridPixels) Height() int { return o.Rows()*(o.Size*o.Scale+o.Gap) + o.Gap }

// Kernel implements Op.
func (o *GridPixels) Kernel() string { return "grid_pixels" }

// Shape implements Op.
func (o *GridPixels) Shape() string {
	return fmt.Sprintf("%d of %dx%dx%d -> %dx%d", o.N, o.Size, o.Size, o.Channels, o.Width(), o.Height())
}

// Reads implements Op.
func (o *GridPixels) Reads() []*Tensor { return []*Tensor{o.Images} }

// Writes implements Op.
func (o *GridPixels) Writes() []*Tensor { return []*Tensor{o.Pixels} }

// FLOPs implements Op.
func (o *GridPixels) FLOPs() int64 { return 2 * int64(o.Width()) * int64(o.Height()) }

// Validate implements Op.
func (o *GridPixels) Validate() error {
	if o.N < 1 || o.Cols < 1 || o.Scale < 1 || o.Gap < 0 || o.Size < 1 {
		return fmt.Errorf("grid of %d images in %d columns, scale %d, gap %d", o.N, o.Cols, o.Scale, o.Gap)
	}
	if o.Channels != 1 && o.Channels != 3 {
		return fmt.Errorf("grid of images of %d channels: need 1 or 3", o.Channels)
	}
	if err := CheckLen(o.Images, o.N*o.Size*o.Size*o.Channels, F32); err != nil {
		return err
	}
	return CheckLen(o.Pixels, o.Width()*o.Height(), U32)
}
