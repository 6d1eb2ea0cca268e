package ref

import (
	"math"
)

// BCELogits computes the mean sigmoid cross-entropy of the logits x against
// target t and its gradient, in float64 (n = len(x)):
//
//	loss[0] = (1/n) Σ_i max(x_i,0) - x_i·t + log1p(exp(-|x_i|))
//	grad[i] = (sigmoid(x_i) - t)/n = ((1-t)·sigmoid(x_i) - t·sigmoid(-x_i))/n
//
// the last form exact for t = 1 where sigmoid(x_i) rounds to 1.
func BCELogits[T float32 | float64](x []T, t float32, loss, grad []T) {
	n, tt := float64(len(x)), float64(t)
	var sum float64
	for i, v := range x {
		xv := float64(v)
		sum += math.Max(xv, 0) - xv*tt + math.Log1p(math.Exp(-math.Abs(xv)))
		grad[i] = T(((1-tt)*sigmoid(xv) - tt*sigmoid(-xv)) / n)
	}
	loss[0] = T(sum / n)
}

// sigmoid is 1/(1+exp(-v)).
func sigmoid(v float64) float64 { return 1 / (1 + math.Exp(-v)) }
