package op

import "fmt"

// BCELogits is sigmoid cross-entropy on the logits x_i = Logits[Offset+i],
// i < N, against a constant target t (0 or 1), in the numerically stable
// form, averaged over the batch:
//
//	loss    = (1/N) Σ_i max(x_i,0) - x_i·t + log(1 + exp(-|x_i|))
//	grad[i] = (sigmoid(x_i) - t) / N
//
// Loss is a one-element tensor the host reads back.
type BCELogits struct {
	Logits, Loss, Grad *Tensor
	N, Offset          int
	Target             float32
}

// Kernel implements Op.
func (o *BCELogits) Kernel() string { return "bce_logits" }

// Shape implements Op.
func (o *BCELogits) Shape() string {
	return fmt.Sprintf("%d from %d target %g", o.N, o.Offset, o.Target)
}

// Reads implements Op.
func (o *BCELogits) Reads() []*Tensor { return []*Tensor{o.Logits} }

// Writes implements Op.
func (o *BCELogits) Writes() []*Tensor { return []*Tensor{o.Loss, o.Grad} }

// FLOPs implements Op.
func (o *BCELogits) FLOPs() int64 { return 8 * int64(o.N) }

// Validate implements Op.
func (o *BCELogits) Validate() error {
	if o.Logits == nil || o.Offset < 0 || o.Offset+o.N > o.Logits.Len() {
		return fmt.Errorf("logits [%d, %d) of %v", o.Offset, o.Offset+o.N, o.Logits)
	}
	return CheckLens(o.Loss, 1, o.Grad, o.N)
}
