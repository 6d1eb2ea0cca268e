package ref

import (
	"math"
)

// GatherImages builds a batch of len(y)/pixels images from the packed
// training set, in float64 and rounded: for b < batch, p < pixels,
//
//	y[b*pixels+p] = (float(byte(order[offset+b]*pixels + p)) - 127.5)/127.5
//
// where byte(k) is byte k%4 (little-endian) of images[k/4]. A slot
// offset+b or an index order[...] that is not below count gives NaN pixels,
// as on the device, where it must not read out of bounds.
func GatherImages(images, order []uint32, offset uint32, count, pixels int, y []float32) {
	for b := range len(y) / pixels {
		row := y[b*pixels : (b+1)*pixels]
		slot := offset + uint32(b)
		if slot >= uint32(count) || order[slot] >= uint32(count) {
			for p := range row {
				row[p] = float32(math.NaN())
			}
			continue
		}
		first := int(order[slot]) * pixels
		for p := range row {
			k := first + p
			v := (images[k/4] >> (8 * (k % 4))) & 0xFF
			row[p] = float32((float64(v) - 127.5) / 127.5)
		}
	}
}
