package ref

import (
	"math/rand/v2"
	"testing"
)

// TestBiasGradMatchesFiniteDifferences checks BiasGrad against L = Σ y·w of
// BiasAdd, for a fixed random w, and that Accumulate adds to the old db.
func TestBiasGradMatchesFiniteDifferences(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	const rows, c = 5, 3
	y0 := randomFloat64s(rng, rows*c, 0)
	b := randomFloat64s(rng, c, 0)
	w := randomFloat64s(rng, rows*c, 0)
	forward := func() float64 {
		y := append([]float64(nil), y0...)
		BiasAdd(y, b, rows, c)
		var l float64
		for i := range y {
			l += y[i] * w[i]
		}
		return l
	}
	db := make([]float64, c)
	BiasGrad(w, db, rows, c, false)
	expectGradient(t, "b", forward, b, db)
	twice := append([]float64(nil), db...)
	BiasGrad(w, twice, rows, c, true)
	for j := range db {
		if twice[j] != 2*db[j] {
			t.Errorf("accumulated db[%d] = %g, want %g", j, twice[j], 2*db[j])
		}
	}
}
