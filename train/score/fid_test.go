package score

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// TestFIDOfDiagonalGaussians checks the closed form for commuting
// covariances: ‖Δμ‖² + Σ_i (√a_i − √b_i)².
func TestFIDOfDiagonalGaussians(t *testing.T) {
	a := &Stats{Mean: []float64{0, 1, 2}, Cov: mat.NewSymDense(3, []float64{4, 0, 0, 0, 1, 0, 0, 0, 9})}
	b := &Stats{Mean: []float64{1, 1, 0}, Cov: mat.NewSymDense(3, []float64{1, 0, 0, 0, 1, 0, 0, 0, 16})}
	got, err := FID(a, b)
	if err != nil {
		t.Fatal(err)
	}
	want := 1.0 + 4 + 1 + 0 + 1 // ‖Δμ‖² = 5; (2−1)² + 0 + (3−4)² = 2
	if math.Abs(got-want) > 1e-12 {
		t.Errorf("FID %.15g, want %g", got, want)
	}
	if self, _ := FID(a, a); math.Abs(self) > 1e-12 {
		t.Errorf("FID of a Gaussian to itself %g, want 0", self)
	}
}

// TestFIDOfNonCommutingCovariances checks 2×2 covariances that do not
// commute against tr((AB)^½) = √(tr(AB) + 2√(det A · det B)).
func TestFIDOfNonCommutingCovariances(t *testing.T) {
	a := mat.NewSymDense(2, []float64{2, 1, 1, 3})
	b := mat.NewSymDense(2, []float64{1, -0.5, -0.5, 4})
	var ab mat.Dense
	ab.Mul(a, b)
	cross := math.Sqrt(mat.Trace(&ab) + 2*math.Sqrt(mat.Det(a)*mat.Det(b)))
	want := mat.Trace(a) + mat.Trace(b) - 2*cross
	got, err := FID(&Stats{Mean: []float64{0, 0}, Cov: a}, &Stats{Mean: []float64{0, 0}, Cov: b})
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(got-want) > 1e-12 {
		t.Errorf("FID %.15g, want %.15g", got, want)
	}
}

// TestNewStats checks the mean and the unbiased covariance of four rows.
func TestNewStats(t *testing.T) {
	s, err := NewStats([]float32{1, 2, 3, 2, 5, 6, 7, 4}, 2)
	if err != nil {
		t.Fatal(err)
	}
	// x: 1,3,5,7 (mean 4); y: 2,2,6,4 (mean 3.5).
	// var x = 20/3; var y = 11/3; cov = (−3·−1.5 + −1·−1.5 + 1·2.5 + 3·0.5)/3 = 10/3.
	if s.N != 4 || s.Mean[0] != 4 || s.Mean[1] != 3.5 {
		t.Errorf("n %d mean %v, want 4 and [4 3.5]", s.N, s.Mean)
	}
	for _, c := range []struct {
		i, j int
		want float64
	}{{0, 0, 20.0 / 3}, {1, 1, 11.0 / 3}, {0, 1, 10.0 / 3}} {
		if got := s.Cov.At(c.i, c.j); math.Abs(got-c.want) > 1e-12 {
			t.Errorf("cov[%d,%d] %g, want %g", c.i, c.j, got, c.want)
		}
	}
	if _, err := NewStats([]float32{1, 2, 3}, 2); err == nil {
		t.Error("3 values as rows of 2 accepted")
	}
}
