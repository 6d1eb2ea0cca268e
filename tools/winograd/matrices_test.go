package main

import (
	"math/big"
	"math/rand/v2"
	"testing"
)

// TestCorrelation checks, in exact arithmetic, that y = Aᵀ[(G g) ⊙ (Bᵀ d)]
// is the correlation y[i] = Σ_k d[i+k]·g[k] for random integer d and g, at
// every tile the points allow.
func TestCorrelation(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, mr := range [][2]int{{2, 3}, {2, 5}, {3, 5}, {4, 5}, {6, 3}, {4, 3}} {
		m, r := mr[0], mr[1]
		mx, err := newMatrices(m, r)
		if err != nil {
			t.Fatal(err)
		}
		for range 20 {
			d := randomInts(rng, mx.alpha)
			g := randomInts(rng, r)
			u, v := apply(mx.G, g), apply(mx.BT, d)
			for j := range u {
				u[j].Mul(u[j], v[j])
			}
			y := apply(mx.AT, u)
			for i := range m {
				want := new(big.Rat)
				for k := range r {
					want.Add(want, new(big.Rat).Mul(d[i+k], g[k]))
				}
				if y[i].Cmp(want) != 0 {
					t.Fatalf("F(%d,%d): y[%d] = %s, want %s", m, r, i, y[i].RatString(), want.RatString())
				}
			}
		}
	}
}

func randomInts(rng *rand.Rand, n int) []*big.Rat {
	out := make([]*big.Rat, n)
	for i := range out {
		out[i] = big.NewRat(rng.Int64N(19)-9, 1)
	}
	return out
}
