package ref

import "dcganvk/nn/op"

// Dropout is inverted dropout at the step of p, forward (in = x, out = y) and
// backward (in = dy, out = dx) alike: for every i,
//
//	out[i] = in[i]·op.DropScale(rate) (a product in T)  if bits24(w[i%4]) >= op.DropThreshold(rate)
//	         0                                           otherwise
//
// where w is Philox block i/4 of the stream: one block serves four elements.
func Dropout[T float32 | float64](p op.StepParams, stream uint32, rate float32, in, out []T) {
	threshold, scale := op.DropThreshold(rate), T(op.DropScale(rate))
	var w [4]uint32
	for i, v := range in {
		if i%4 == 0 {
			w = stepBlock(p, stream, uint32(i/4))
		}
		if bits24(w[i%4]) >= threshold {
			out[i] = v * scale
		} else {
			out[i] = 0
		}
	}
}
