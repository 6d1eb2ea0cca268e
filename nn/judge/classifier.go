package judge

import (
	"fmt"

	"dcganvk/nn/dcgan"
	"dcganvk/nn/op"
)

// Classifier is the judge's forward pass over a batch of images the host
// writes, giving the features (the last hidden layer) and the logits.
type Classifier struct {
	Plan     *op.Plan
	N        int
	Images   *op.Tensor // [n,28,28,1] in [-1,1], written by the host
	Features *op.Tensor // [n,Hidden]
	Logits   *op.Tensor // [n,Classes]
}

// NewClassifier builds the forward plan for batches of n images over the
// weights w (shared with a train step, or loaded from the cache).
func NewClassifier(w *Weights, n int) (*Classifier, error) {
	if n < 1 {
		return nil, fmt.Errorf("judge batch %d: need at least 1", n)
	}
	c := &Classifier{Plan: &op.Plan{}, N: n, Images: op.NewF32("judge/images", n, dcgan.MNIST.Size, dcgan.MNIST.Size, 1)}
	b := &builder{plan: c.Plan, n: n}
	p := b.forward(w, c.Images, "judge/classify")
	if b.err != nil {
		return nil, fmt.Errorf("building the judge's classifier: %w", b.err)
	}
	c.Features, c.Logits = p.hidden, p.logits
	return c, nil
}
