package op

import "fmt"

// MatMul is C[M,N] = op(A)·op(B), plus the old C when Accumulate. op(A) is
// A[M,K], or the transpose of A[K,M] when TransA; op(B) is B[K,N], or the
// transpose of B[N,K] when TransB. It serves a Dense layer's forward pass
// and both of its backward products.
type MatMul struct {
	A, B, C        *Tensor
	M, N, K        int
	TransA, TransB bool
	Accumulate     bool
}

// Kernel implements Op.
func (o *MatMul) Kernel() string { return "matmul" }

// Shape implements Op.
func (o *MatMul) Shape() string {
	s := fmt.Sprintf("%dx%dx%d", o.M, o.N, o.K)
	if o.TransA {
		s += " Aᵀ"
	}
	if o.TransB {
		s += " Bᵀ"
	}
	if o.Accumulate {
		s += " +C"
	}
	return s
}

// Reads implements Op.
func (o *MatMul) Reads() []*Tensor {
	if o.Accumulate {
		return []*Tensor{o.A, o.B, o.C}
	}
	return []*Tensor{o.A, o.B}
}

// Writes implements Op.
func (o *MatMul) Writes() []*Tensor { return []*Tensor{o.C} }

// FLOPs implements Op.
func (o *MatMul) FLOPs() int64 { return 2 * int64(o.M) * int64(o.N) * int64(o.K) }

// Validate implements Op.
func (o *MatMul) Validate() error {
	return CheckLens(o.A, o.M*o.K, o.B, o.K*o.N, o.C, o.M*o.N)
}
