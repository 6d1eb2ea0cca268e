package op

import "fmt"

// Activation is an elementwise nonlinearity.
type Activation int

// The activations of the DCGAN.
const (
	ReLU      Activation = iota // max(x, 0)
	LeakyReLU                   // x if x > 0, else slope·x
	Tanh                        // tanh(x)
)

func (a Activation) String() string {
	return [...]string{"relu", "leaky_relu", "tanh"}[a]
}

// ActivationFwd is y[i] = f(x[i]) for i < N.
type ActivationFwd struct {
	Fn    Activation
	X, Y  *Tensor
	N     int
	Slope float32 // LeakyReLU's slope for x <= 0
}

// Kernel implements Op.
func (o *ActivationFwd) Kernel() string { return o.Fn.String() + "_fwd" }

// Shape implements Op.
func (o *ActivationFwd) Shape() string { return fmt.Sprint(o.N) }

// Reads implements Op.
func (o *ActivationFwd) Reads() []*Tensor { return []*Tensor{o.X} }

// Writes implements Op.
func (o *ActivationFwd) Writes() []*Tensor { return []*Tensor{o.Y} }

// FLOPs implements Op.
func (o *ActivationFwd) FLOPs() int64 { return int64(o.N) }

// Validate implements Op.
func (o *ActivationFwd) Validate() error { return CheckLens(o.X, o.N, o.Y, o.N) }

// ActivationBwd is the gradient through f, computed from f's output y:
// ReLU dx = dy·[y > 0]; LeakyReLU dx = dy if y > 0 else Slope·dy
// (y > 0 exactly when x > 0, for a positive slope); Tanh dx = dy·(1 - y²).
type ActivationBwd struct {
	Fn        Activation
	Y, DY, DX *Tensor
	N         int
	Slope     float32 // LeakyReLU's slope for x <= 0
}

// Kernel implements Op.
func (o *ActivationBwd) Kernel() string { return o.Fn.String() + "_bwd" }

// Shape implements Op.
func (o *ActivationBwd) Shape() string { return fmt.Sprint(o.N) }

// Reads implements Op.
func (o *ActivationBwd) Reads() []*Tensor { return []*Tensor{o.Y, o.DY} }

// Writes implements Op.
func (o *ActivationBwd) Writes() []*Tensor { return []*Tensor{o.DX} }

// FLOPs implements Op.
func (o *ActivationBwd) FLOPs() int64 { return 2 * int64(o.N) }

// Validate implements Op.
func (o *ActivationBwd) Validate() error { return CheckLens(o.Y, o.N, o.DY, o.N, o.DX, o.N) }
