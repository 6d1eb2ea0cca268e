package op

import "math"

// NonFinite counts the NaN and infinite values of v.
func NonFinite(v []float32) int {
	n := 0
	for _, x := range v {
		if math.IsNaN(float64(x)) || math.IsInf(float64(x), 0) {
			n++
		}
	}
	return n
}
