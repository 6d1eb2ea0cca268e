package ref

import (
	"math"
)

// Adam applies one Adam step in Keras' form to every parameter, in float64
// from the float32 values and rounded once each:
//
//	m[i] = β1·m[i] + (1-β1)·g[i]
//	v[i] = β2·v[i] + (1-β2)·g[i]²
//	w[i] = w[i] - lrT·m[i]/(sqrt(v[i])+ε)     (with the new m[i], v[i])
func Adam(lrT, beta1, beta2, eps float32, g, w, m, v []float32) {
	b1, b2 := float64(beta1), float64(beta2)
	for i, gv := range g {
		gi := float64(gv)
		mi := b1*float64(m[i]) + (1-b1)*gi
		vi := b2*float64(v[i]) + (1-b2)*gi*gi
		m[i], v[i] = float32(mi), float32(vi)
		w[i] = float32(float64(w[i]) - float64(lrT)*mi/(math.Sqrt(vi)+float64(eps)))
	}
}
