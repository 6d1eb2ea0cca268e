package ref

import "math"

// SoftmaxXent computes the mean softmax cross-entropy of n rows of c logits
// x against labels and its gradient, in float64 (n = len(labels)):
//
//	m_i       = max_c x[i,c];  z_i = Σ_c exp(x[i,c] - m_i)
//	loss[0]   = (1/n) Σ_i log(z_i) + m_i - x[i,label_i]
//	grad[i,c] = (exp(x[i,c] - m_i)/z_i - [c == label_i]) / n
//
// A label of c or more gives NaN in the loss and in its row of grad, as
// the kernel does.
func SoftmaxXent[T float32 | float64](x []T, labels []uint32, c int, loss, grad []T) {
	n := float64(len(labels))
	var sum float64
	for i, label := range labels {
		row := x[i*c : (i+1)*c]
		top := math.Inf(-1)
		for _, v := range row {
			top = math.Max(top, float64(v))
		}
		var z float64
		for _, v := range row {
			z += math.Exp(float64(v) - top)
		}
		if int(label) >= c {
			sum = math.NaN()
			for k := range row {
				grad[i*c+k] = T(math.NaN())
			}
			continue
		}
		sum += math.Log(z) + top - float64(row[label])
		for k, v := range row {
			p := math.Exp(float64(v)-top) / z
			if k == int(label) {
				p--
			}
			grad[i*c+k] = T(p / n)
		}
	}
	loss[0] = T(sum / n)
}
