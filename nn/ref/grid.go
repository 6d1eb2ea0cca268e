package ref

import (
	"math"

	"dcganvk/nn/op"
)

// GridPixels draws the grid that op.GridPixels describes:
//
//	for each screen pixel (x, y): cell (x/(Size·Scale+Gap), y/(…)); inside a
//	cell's image, each channel's level clamp(round((v+1)·127.5)) of the image
//	pixel under it (a grey image's one level in all three bytes); elsewhere
//	(gaps, empty cells) o.Background; bytes R, G, B, A in memory, or B, G,
//	R, A when o.BGRA.
func GridPixels(images []float32, pixels []uint32, o *op.GridPixels) {
	cell := o.Size*o.Scale + o.Gap
	w := o.Width()
	for y := 0; y < o.Height(); y++ {
		for x := 0; x < w; x++ {
			rgb := [3]uint32{uint32(o.Background), uint32(o.Background), uint32(o.Background)}
			cx, cy := (x-o.Gap)/cell, (y-o.Gap)/cell
			ix, iy := (x-o.Gap)%cell, (y-o.Gap)%cell
			i := cy*o.Cols + cx
			if x >= o.Gap && y >= o.Gap && ix < o.Size*o.Scale && iy < o.Size*o.Scale && cx < o.Cols && i < o.N {
				p := ((i*o.Size+iy/o.Scale)*o.Size + ix/o.Scale) * o.Channels
				for c := range rgb {
					rgb[c] = uint32(greyLevel(images[p+c%o.Channels]))
				}
			}
			if o.BGRA {
				rgb[0], rgb[2] = rgb[2], rgb[0]
			}
			pixels[y*w+x] = 0xFF000000 | rgb[0] | rgb[1]<<8 | rgb[2]<<16
		}
	}
}

// greyLevel maps [-1, 1] to [0, 255]: round((v+1)·127.5), clamped; NaN is 0.
func greyLevel(v float32) uint8 {
	g := math.Floor((float64(v)+1)*127.5 + 0.5)
	switch {
	case !(g >= 0):
		return 0
	case g > 255:
		return 255
	}
	return uint8(g)
}
