package op

import "fmt"

// Adam updates a whole parameter buffer in Keras' form, with lr_t read from
// word LRSlot of the step parameter block (the host computes
// lr_t = lr·sqrt(1-β2^t)/(1-β1^t) for step t), so one recorded command
// buffer serves every step:
//
//	m = β1·m + (1-β1)·g;  v = β2·v + (1-β2)·g²;  w -= lr_t·m/(sqrt(v)+ε)
type Adam struct {
	Params, G *Tensor
	W, M, V   *Tensor
	N         int
	LRSlot    int
	Beta1     float32
	Beta2     float32
	Eps       float32
}

// Kernel implements Op.
func (o *Adam) Kernel() string { return "adam" }

// Shape implements Op.
func (o *Adam) Shape() string { return fmt.Sprint(o.N) }

// Reads implements Op.
func (o *Adam) Reads() []*Tensor { return []*Tensor{o.Params, o.G, o.W, o.M, o.V} }

// Writes implements Op.
func (o *Adam) Writes() []*Tensor { return []*Tensor{o.W, o.M, o.V} }

// FLOPs implements Op.
func (o *Adam) FLOPs() int64 { return 12 * int64(o.N) }

// Validate implements Op.
func (o *Adam) Validate() error {
	if err := CheckLen(o.Params, ParamWords, U32); err != nil {
		return err
	}
	if o.LRSlot != ParamLRGen && o.LRSlot != ParamLRDisc {
		return fmt.Errorf("lr slot %d is not a learning-rate word", o.LRSlot)
	}
	return CheckLens(o.G, o.N, o.W, o.N, o.M, o.N, o.V, o.N)
}
