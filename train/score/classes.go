package score

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/floats"
)

// MinShare is the share of the samples a class needs to count as covered.
const MinShare = 0.02

// Classes is what a classifier says of a set of samples.
type Classes struct {
	// Score is the classifier score exp(mean_x KL(p(y|x) ‖ p(y))), where
	// p(y) is the mean of p(y|x) over the set: from 1 (every sample
	// classified alike, or every one uncertain) to the number of classes
	// (each sample sure of its class, the classes equally frequent).
	Score float64 `json:"classifier_score"`
	// Confidence is the mean of each sample's largest p(y|x).
	Confidence float64 `json:"mean_confidence"`
	// Shares is the share of the samples whose most likely class is each
	// class.
	Shares []float64 `json:"shares"`
	// Coverage counts the classes with at least MinShare of the samples.
	Coverage int `json:"coverage"`
}

// NewClasses scores the rows of logits, c classes a row, through the
// softmax p(y|x) of each row.
func NewClasses(logits []float32, c int) (*Classes, error) {
	if c < 1 || len(logits)%c != 0 || len(logits) == 0 {
		return nil, fmt.Errorf("logits: %d values are not rows of %d", len(logits), c)
	}
	n := len(logits) / c
	probs := make([][]float64, n)
	marginal := make([]float64, c)
	out := &Classes{Shares: make([]float64, c)}
	for i := range n {
		p := softmax(logits[i*c : (i+1)*c])
		probs[i] = p
		floats.Add(marginal, p)
		top := floats.MaxIdx(p)
		out.Confidence += p[top]
		out.Shares[top]++
	}
	floats.Scale(1/float64(n), marginal)
	floats.Scale(1/float64(n), out.Shares)
	out.Confidence /= float64(n)
	var kl float64
	for _, p := range probs {
		for k, v := range p {
			if v > 0 {
				kl += v * math.Log(v/marginal[k])
			}
		}
	}
	out.Score = math.Exp(kl / float64(n))
	for _, s := range out.Shares {
		if s >= MinShare {
			out.Coverage++
		}
	}
	return out, nil
}

// softmax is exp(x)/Σexp(x) in float64, with the row's maximum taken out.
func softmax(x []float32) []float64 {
	p := make([]float64, len(x))
	for i, v := range x {
		p[i] = float64(v)
	}
	top := floats.Max(p)
	for i := range p {
		p[i] = math.Exp(p[i] - top)
	}
	floats.Scale(1/floats.Sum(p), p)
	return p
}
