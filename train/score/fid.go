// Package score measures samples in a classifier's terms: the Fréchet
// distance of their features to real images', the classifier score, the
// classifier's confidence, the share of each class and a collapse alarm.
// It is plain arithmetic on features and logits; nn/judge computes those.
package score

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/stat"
)

// Stats are the mean and covariance of a set of feature vectors, the
// Gaussian that FID compares.
type Stats struct {
	N    int
	Mean []float64
	Cov  *mat.SymDense
}

// NewStats computes the mean and the (unbiased) covariance of the n rows of
// dim features each that features holds.
func NewStats(features []float32, dim int) (*Stats, error) {
	if dim < 1 || len(features)%dim != 0 || len(features)/dim < 2 {
		return nil, fmt.Errorf("features: %d values are not at least 2 rows of %d", len(features), dim)
	}
	n := len(features) / dim
	x := mat.NewDense(n, dim, nil)
	for i := range n {
		for j := range dim {
			x.Set(i, j, float64(features[i*dim+j]))
		}
	}
	s := &Stats{N: n, Mean: make([]float64, dim), Cov: mat.NewSymDense(dim, nil)}
	for j := range dim {
		s.Mean[j] = stat.Mean(mat.Col(nil, j, x), nil)
	}
	stat.CovarianceMatrix(s.Cov, x, nil)
	return s, nil
}

// FID is the Fréchet distance between the Gaussians of a and b:
//
//	‖μa − μb‖² + tr(Σa) + tr(Σb) − 2·tr((Σa Σb)^½)
//
// where tr((Σa Σb)^½) = tr((Σa^½ Σb Σa^½)^½), whose matrix is symmetric:
// both square roots come from symmetric eigendecompositions, eigenvalues
// below zero (rounding) taken as zero.
func FID(a, b *Stats) (float64, error) {
	if len(a.Mean) != len(b.Mean) {
		return 0, fmt.Errorf("FID of %d against %d features", len(a.Mean), len(b.Mean))
	}
	rootA, err := sqrtSym(a.Cov)
	if err != nil {
		return 0, err
	}
	var m mat.Dense
	m.Product(rootA, b.Cov, rootA)
	n := len(a.Mean)
	sym := mat.NewSymDense(n, nil)
	for i := range n {
		for j := i; j < n; j++ {
			sym.SetSym(i, j, (m.At(i, j)+m.At(j, i))/2)
		}
	}
	values, err := eigenvalues(sym)
	if err != nil {
		return 0, err
	}
	var crossTrace float64
	for _, v := range values {
		crossTrace += math.Sqrt(math.Max(v, 0))
	}
	diff := floats.SubTo(make([]float64, n), a.Mean, b.Mean)
	return floats.Dot(diff, diff) + mat.Trace(a.Cov) + mat.Trace(b.Cov) - 2*crossTrace, nil
}

// sqrtSym is the symmetric square root V·diag(√λ)·Vᵀ of a symmetric
// positive semi-definite matrix.
func sqrtSym(s *mat.SymDense) (*mat.Dense, error) {
	var eig mat.EigenSym
	if !eig.Factorize(s, true) {
		return nil, fmt.Errorf("the symmetric eigendecomposition of a %d×%d covariance failed", s.SymmetricDim(), s.SymmetricDim())
	}
	values := eig.Values(nil)
	var v mat.Dense
	eig.VectorsTo(&v)
	roots := make([]float64, len(values))
	for i, l := range values {
		roots[i] = math.Sqrt(math.Max(l, 0))
	}
	var vd, out mat.Dense
	vd.Mul(&v, mat.NewDiagDense(len(roots), roots))
	out.Mul(&vd, v.T())
	return &out, nil
}

// eigenvalues are the eigenvalues of a symmetric matrix.
func eigenvalues(s *mat.SymDense) ([]float64, error) {
	var eig mat.EigenSym
	if !eig.Factorize(s, false) {
		return nil, fmt.Errorf("the symmetric eigendecomposition of a %d×%d matrix failed", s.SymmetricDim(), s.SymmetricDim())
	}
	return eig.Values(nil), nil
}
