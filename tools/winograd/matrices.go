package main

import (
	"fmt"
	"math/big"
)

// matrices are the transforms of Winograd's minimal filtering algorithm
// F(m, r) for the 1-D correlation y[i] = Σ_{k<r} d[i+k]·g[k], i < m, of an
// input tile d of α = m+r-1 values:
//
//	y = Aᵀ [(G g) ⊙ (Bᵀ d)]
//
// They come from the Toom-Cook product of two polynomials evaluated at α-1
// finite points a_j and at ∞ (Lavin and Gray, "Fast Algorithms for
// Convolutional Neural Networks", 2016; the wincnn construction): with
// M(x) = Π_j (x - a_j), M_j(x) = M(x)/(x - a_j) and f_j = M_j(a_j),
//   - G[j][k] = a_j^k / f_j, and the ∞ row picks g[r-1];
//   - Aᵀ[i][j] = a_j^i, and the ∞ column picks row m-1;
//   - Bᵀ[j][k] is the coefficient of x^k in M_j(x), and the ∞ row holds
//     M(x)'s.
//
// The correlation is the transpose of that product (s = g·h, Σ s_k d_k =
// Σ g_i h_l d_{i+l}), which is why Bᵀ holds the interpolation's
// polynomials. Everything is exact rational arithmetic.
type matrices struct {
	m, r, alpha int
	AT, G, BT   [][]*big.Rat
}

// points are the finite evaluation points, in the order wincnn uses: the
// small ones first, so a smaller tile keeps the better-conditioned points.
var points = []*big.Rat{
	big.NewRat(0, 1), big.NewRat(1, 1), big.NewRat(-1, 1), big.NewRat(2, 1),
	big.NewRat(-2, 1), big.NewRat(1, 2), big.NewRat(-1, 2), big.NewRat(3, 1), big.NewRat(-3, 1),
}

// newMatrices computes F(m, r)'s transforms.
func newMatrices(m, r int) (*matrices, error) {
	alpha := m + r - 1
	if m < 1 || r < 1 || alpha-1 > len(points) {
		return nil, fmt.Errorf("F(%d,%d) needs %d finite points; have %d", m, r, alpha-1, len(points))
	}
	a := points[:alpha-1]
	mx := &matrices{m: m, r: r, alpha: alpha, AT: zeros(m, alpha), G: zeros(alpha, r), BT: zeros(alpha, alpha)}
	full := []*big.Rat{one()} // M(x), coefficients from x^0 up
	for _, p := range a {
		full = mulLinear(full, p)
	}
	for j, aj := range a {
		mj := []*big.Rat{one()}
		for l, p := range a {
			if l != j {
				mj = mulLinear(mj, p)
			}
		}
		f := eval(mj, aj)
		pow := one()
		for k := range max(m, r) {
			if k < r {
				mx.G[j][k] = new(big.Rat).Quo(pow, f)
			}
			if k < m {
				mx.AT[k][j] = new(big.Rat).Set(pow)
			}
			pow = new(big.Rat).Mul(pow, aj)
		}
		copy(mx.BT[j], mj)
	}
	mx.G[alpha-1][r-1] = one()
	mx.AT[m-1][alpha-1] = one()
	copy(mx.BT[alpha-1], full)
	return mx, nil
}

func one() *big.Rat { return big.NewRat(1, 1) }

// zeros is a rows x cols matrix of zeros.
func zeros(rows, cols int) [][]*big.Rat {
	out := make([][]*big.Rat, rows)
	for i := range out {
		out[i] = make([]*big.Rat, cols)
		for j := range out[i] {
			out[i][j] = new(big.Rat)
		}
	}
	return out
}

// mulLinear multiplies the polynomial p (coefficients from x^0) by (x - a).
func mulLinear(p []*big.Rat, a *big.Rat) []*big.Rat {
	out := make([]*big.Rat, len(p)+1)
	for i := range out {
		out[i] = new(big.Rat)
	}
	for i, c := range p {
		out[i+1].Add(out[i+1], c)
		out[i].Sub(out[i], new(big.Rat).Mul(c, a))
	}
	return out
}

// eval is p(x).
func eval(p []*big.Rat, x *big.Rat) *big.Rat {
	sum := new(big.Rat)
	for i := len(p) - 1; i >= 0; i-- {
		sum.Mul(sum, x)
		sum.Add(sum, p[i])
	}
	return sum
}

// transpose is the transpose of a.
func transpose(a [][]*big.Rat) [][]*big.Rat {
	out := zeros(len(a[0]), len(a))
	for i, row := range a {
		for j, v := range row {
			out[j][i].Set(v)
		}
	}
	return out
}

// apply is a·v.
func apply(a [][]*big.Rat, v []*big.Rat) []*big.Rat {
	out := make([]*big.Rat, len(a))
	for i, row := range a {
		out[i] = new(big.Rat)
		for j, c := range row {
			out[i].Add(out[i], new(big.Rat).Mul(c, v[j]))
		}
	}
	return out
}
