package ref

import (
	"math"
)

// BatchNormTrain normalises x [rows, c] by its batch statistics, in float64,
// and updates the moving statistics in place; for every feature j < c, over
// the rows r < rows of its column x[r*c+j]:
//
//	mean[j] = Σ_r x/rows;  variance[j] = Σ_r (x-mean[j])²/rows
//	y[r*c+j] = gamma[j]·(x-mean[j])/sqrt(variance[j]+eps) + beta[j]
//	movingMean[j] = momentum·movingMean[j] + (1-momentum)·mean[j]
//	movingVar[j]  = momentum·movingVar[j]  + (1-momentum)·v
//
// with v = variance[j]·rows/(rows-1) when unbiasedMoving, else variance[j].
func BatchNormTrain[T float32 | float64](x, gamma, beta, movingMean, movingVar, y, mean, variance []T,
	rows, c int, momentum, eps float64, unbiasedMoving bool) {
	for j := 0; j < c; j++ {
		var sum float64
		for r := 0; r < rows; r++ {
			sum += float64(x[r*c+j])
		}
		mu := sum / float64(rows)
		var sq float64
		for r := 0; r < rows; r++ {
			d := float64(x[r*c+j]) - mu
			sq += d * d
		}
		v := sq / float64(rows)
		scale := float64(gamma[j]) / math.Sqrt(v+eps)
		for r := 0; r < rows; r++ {
			y[r*c+j] = T((float64(x[r*c+j])-mu)*scale + float64(beta[j]))
		}
		mean[j], variance[j] = T(mu), T(v)
		if unbiasedMoving {
			v = v * float64(rows) / float64(rows-1)
		}
		movingMean[j] = T(momentum*float64(movingMean[j]) + (1-momentum)*mu)
		movingVar[j] = T(momentum*float64(movingVar[j]) + (1-momentum)*v)
	}
}

// BatchNormInfer normalises x [rows, c] by the moving statistics, in float64:
//
//	y[r*c+j] = gamma[j]·(x[r*c+j]-movingMean[j])/sqrt(movingVar[j]+eps) + beta[j]
func BatchNormInfer[T float32 | float64](x, gamma, beta, movingMean, movingVar, y []T, rows, c int, eps float64) {
	for j := 0; j < c; j++ {
		scale := float64(gamma[j]) / math.Sqrt(float64(movingVar[j])+eps)
		for r := 0; r < rows; r++ {
			y[r*c+j] = T((float64(x[r*c+j])-float64(movingMean[j]))*scale + float64(beta[j]))
		}
	}
}

// BatchNormBwd is the backward pass of BatchNormTrain from the saved batch
// statistics, in float64; for every feature j, with
// xhat = (x-mean[j])·istd and istd = 1/sqrt(variance[j]+eps):
//
//	dbeta[j]  = Σ_r dy[r*c+j]
//	dgamma[j] = Σ_r dy[r*c+j]·xhat[r*c+j]
//	dx[r*c+j] = gamma[j]·istd/rows · (rows·dy[r*c+j] - dbeta[j] - xhat[r*c+j]·dgamma[j])
func BatchNormBwd[T float32 | float64](x, dy, gamma, mean, variance, dx, dgamma, dbeta []T, rows, c int, eps float64) {
	for j := 0; j < c; j++ {
		mu := float64(mean[j])
		istd := 1 / math.Sqrt(float64(variance[j])+eps)
		var db, dg float64
		for r := 0; r < rows; r++ {
			g := float64(dy[r*c+j])
			db += g
			dg += g * (float64(x[r*c+j]) - mu) * istd
		}
		scale := float64(gamma[j]) * istd / float64(rows)
		for r := 0; r < rows; r++ {
			xhat := (float64(x[r*c+j]) - mu) * istd
			dx[r*c+j] = T(scale * (float64(rows)*float64(dy[r*c+j]) - db - xhat*dg))
		}
		dgamma[j], dbeta[j] = T(dg), T(db)
	}
}
