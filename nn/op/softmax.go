package op

import "fmt"

// SoftmaxXent is softmax cross-entropy on logits [N,C] against integer
// labels [N] (each below C), averaged over the batch:
//
//	loss      = (1/N) Σ_i log Σ_c exp(x[i,c]) - x[i,label_i]
//	grad[i,c] = (softmax(x_i)_c - [c == label_i]) / N
//
// Loss is a one-element tensor the host reads back.
type SoftmaxXent struct {
	Logits, Labels, Loss, Grad *Tensor
	N, C                       int
}

// Kernel implements Op.
func (o *SoftmaxXent) Kernel() string { return "softmax_xent" }

// Shape implements Op.
func (o *SoftmaxXent) Shape() string { return fmt.Sprintf("%dx%d", o.N, o.C) }

// Reads implements Op.
func (o *SoftmaxXent) Reads() []*Tensor { return []*Tensor{o.Logits, o.Labels} }

// Writes implements Op.
func (o *SoftmaxXent) Writes() []*Tensor { return []*Tensor{o.Loss, o.Grad} }

// FLOPs implements Op.
func (o *SoftmaxXent) FLOPs() int64 { return 6 * int64(o.N) * int64(o.C) }

// Validate implements Op.
func (o *SoftmaxXent) Validate() error {
	if o.C < 1 {
		return fmt.Errorf("%d classes: need at least 1", o.C)
	}
	if err := CheckLen(o.Labels, o.N, U32); err != nil {
		return err
	}
	if o.Labels.Kind != Index || o.Labels.Bound != o.C {
		return fmt.Errorf("labels %s must be indices below %d", o.Labels, o.C)
	}
	return CheckLens(o.Logits, o.N*o.C, o.Loss, 1, o.Grad, o.N*o.C)
}
