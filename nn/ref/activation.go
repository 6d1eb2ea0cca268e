package ref

import (
	"math"

	"dcganvk/nn/op"
)

// ActivationFwd computes y[i] = f(x[i]) for every i:
//
//	ReLU       x if x > 0, else 0
//	LeakyReLU  x if x > 0, else slope·x (a product in T: float32 on the device)
//	Tanh       tanh(x), in float64 and rounded
func ActivationFwd[T float32 | float64](fn op.Activation, slope float32, x, y []T) {
	for i, v := range x {
		switch {
		case fn == op.Tanh:
			y[i] = T(math.Tanh(float64(v)))
		case v > 0:
			y[i] = v
		case fn == op.LeakyReLU:
			y[i] = T(slope) * v
		default:
			y[i] = 0
		}
	}
}

// ActivationBwd computes the gradient through f from its output y, for every i:
//
//	ReLU       dx = dy if y > 0, else 0
//	LeakyReLU  dx = dy if y > 0, else slope·dy (a product in T)
//	Tanh       dx = dy·(1 - y²), in float64 and rounded
func ActivationBwd[T float32 | float64](fn op.Activation, slope float32, y, dy, dx []T) {
	for i, v := range y {
		switch {
		case fn == op.Tanh:
			dx[i] = T(float64(dy[i]) * (1 - float64(v)*float64(v)))
		case v > 0:
			dx[i] = dy[i]
		case fn == op.LeakyReLU:
			dx[i] = T(slope) * dy[i]
		default:
			dx[i] = 0
		}
	}
}
