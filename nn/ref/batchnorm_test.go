package ref

import (
	"dcganvk/nn/dcgan"
	"math"
	"math/rand/v2"
	"testing"
)

// randomFloat64s draws n values from N(0,1) shifted by offset.
func randomFloat64s(rng *rand.Rand, n int, offset float64) []float64 {
	v := make([]float64, n)
	for i := range v {
		v[i] = rng.NormFloat64() + offset
	}
	return v
}

// centralDifference is d loss / d v[i] by central differences, in float64.
func centralDifference(loss func() float64, v []float64, i int) float64 {
	const h = 1e-5
	old := v[i]
	v[i] = old + h
	up := loss()
	v[i] = old - h
	down := loss()
	v[i] = old
	return (up - down) / (2 * h)
}

// expectGradient compares an analytic gradient with central differences of loss.
func expectGradient(t *testing.T, name string, loss func() float64, v, grad []float64) {
	t.Helper()
	for i := range v {
		want := centralDifference(loss, v, i)
		if math.Abs(grad[i]-want) > 1e-7*(1+math.Abs(want)) {
			t.Errorf("d/d%s[%d] = %.10g, finite differences give %.10g", name, i, grad[i], want)
		}
	}
}

// TestBatchNormBwdMatchesFiniteDifferences checks dx, dgamma and dbeta of
// BatchNormBwd against L = Σ y·w of BatchNormTrain, for a fixed random w.
func TestBatchNormBwdMatchesFiniteDifferences(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	const rows, c = 6, 3
	x := randomFloat64s(rng, rows*c, 0.5)
	gamma := randomFloat64s(rng, c, 1)
	beta := randomFloat64s(rng, c, 0)
	w := randomFloat64s(rng, rows*c, 0)
	y := make([]float64, rows*c)
	mean, variance := make([]float64, c), make([]float64, c)
	forward := func() float64 {
		movingMean, movingVar := make([]float64, c), make([]float64, c)
		BatchNormTrain(x, gamma, beta, movingMean, movingVar, y, mean, variance, rows, c, dcgan.BNMomentum, dcgan.BNEpsilon, true)
		var l float64
		for i := range y {
			l += y[i] * w[i]
		}
		return l
	}
	forward()
	dx, dgamma, dbeta := make([]float64, rows*c), make([]float64, c), make([]float64, c)
	BatchNormBwd(x, w, gamma, mean, variance, dx, dgamma, dbeta, rows, c, dcgan.BNEpsilon)
	expectGradient(t, "x", forward, x, dx)
	expectGradient(t, "gamma", forward, gamma, dgamma)
	expectGradient(t, "beta", forward, beta, dbeta)
}

// TestBatchNormTrainStatistics checks the batch and moving statistics of
// BatchNormTrain against values worked out by hand, for both kinds of
// moving-variance update.
func TestBatchNormTrainStatistics(t *testing.T) {
	// Two features over four rows: 1, 2, 3, 4 and 0, 0, 0, 8.
	x := []float64{1, 0, 2, 0, 3, 0, 4, 8}
	gamma, beta := []float64{1, 2}, []float64{0, 1}
	wantMean, wantVar := []float64{2.5, 2}, []float64{1.25, 12}
	for _, unbiased := range []bool{false, true} {
		movingMean, movingVar := []float64{0.5, -1}, []float64{2, 3}
		y, mean, variance := make([]float64, 8), make([]float64, 2), make([]float64, 2)
		BatchNormTrain(x, gamma, beta, movingMean, movingVar, y, mean, variance, 4, 2, 0.9, 0, unbiased)
		v := wantVar
		if unbiased {
			v = []float64{1.25 * 4 / 3, 16}
		}
		for j, initial := range [][2]float64{{0.5, 2}, {-1, 3}} {
			check := map[string][2]float64{
				"mean":       {mean[j], wantMean[j]},
				"var":        {variance[j], wantVar[j]},
				"movingMean": {movingMean[j], 0.9*initial[0] + 0.1*wantMean[j]},
				"movingVar":  {movingVar[j], 0.9*initial[1] + 0.1*v[j]},
				"y[row 3]":   {y[6+j], gamma[j]*(x[6+j]-wantMean[j])/math.Sqrt(wantVar[j]) + beta[j]},
			}
			for name, gw := range check {
				if math.Abs(gw[0]-gw[1]) > 1e-12 {
					t.Errorf("unbiased=%v: %s[%d] = %g, want %g", unbiased, name, j, gw[0], gw[1])
				}
			}
		}
	}
}
