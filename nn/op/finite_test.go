package op

import (
	"math"
	"testing"
)

func TestNonFiniteCountsNaNAndInfinities(t *testing.T) {
	v := []float32{0, float32(math.NaN()), 1e38, float32(math.Inf(1)), -3, float32(math.Inf(-1))}
	if got := NonFinite(v); got != 3 {
		t.Errorf("NonFinite(%v) = %d, want 3", v, got)
	}
	if got := NonFinite(nil); got != 0 {
		t.Errorf("NonFinite(nil) = %d", got)
	}
}
