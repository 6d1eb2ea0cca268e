package vkexec

import (
	"dcganvk/gpu"
	"dcganvk/nn/op"
	"dcganvk/shaders"
)

// matmulRows is how many rows of C an invocation of shaders/matmul.comp
// computes (times 4 columns), chosen on lavapipe at the Dense layers' shapes.
const matmulRows = 8

// matmul records shaders/matmul.comp: 64 invocations a workgroup along the
// columns of C, each computing matmulRows x 4 of it. A product with one
// column (a matrix times a vector) runs transposed, Cᵀ = op(B)ᵀ op(A)ᵀ,
// which is the same memory, so that the invocations spread over its rows.
// A large product whose sizes are multiples of 4 (the Dense layer of G)
// runs as one position of the Winograd products' kernel instead, whose
// register blocks are 2x faster there; its sums, one over all of K, keep
// matmul.comp's order.
func (e *Executor) matmul(o *op.MatMul) error {
	if blockedProduct(o) {
		return e.winoGemm(o.A, o.B, o.C, 1, o.M, o.K, o.N, o.K, o.TransA)
	}
	if e.variants.RowMatvec && o.N == 1 && !o.TransA && o.K >= matvecRowsMinK {
		return e.matvecRows(o)
	}
	a, b := o.A, o.B
	m, n, transA, transB := o.M, o.N, o.TransA, o.TransB
	if n == 1 && m > 1 {
		a, b = o.B, o.A
		m, n, transA, transB = 1, o.M, false, !o.TransA
	}
	tm := min(matmulRows, m)
	spec := gpu.PipelineSpec{Shader: "matmul", Constants: shaders.Matmul{
		M: m, N: n, K: o.K, TransA: transA, TransB: transB, Accumulate: o.Accumulate, Tm: tm}}
	aFormat := vec4Texels(o.K)
	if transA {
		aFormat = vec4Texels(m, tm)
	}
	bFormat := vec4Texels(n)
	if transB {
		bFormat = vec4Texels(o.K)
	}
	reads := []*op.Tensor{a, b}
	spec = e.texelReads(spec, reads, aFormat, bFormat)
	return e.dispatch(spec, [3]uint32{groups(n, 4*64), groups(m, tm), 1}, reads, o.Writes())
}

// blockedProductMinC is the fewest elements of C worth winograd_gemm.comp.
const blockedProductMinC = 1 << 16

// blockedProduct says whether o runs on winograd_gemm.comp: it writes C
// (no accumulating), B is not transposed and every size is a multiple of 4.
func blockedProduct(o *op.MatMul) bool {
	return !o.TransB && !o.Accumulate && o.M%4 == 0 && o.N%4 == 0 && o.K%4 == 0 && o.M*o.N >= blockedProductMinC
}

// matvecRowsMinK is the shortest row worth a workgroup of matvec_rows.
const matvecRowsMinK = 1024

// matvecRows records shaders/matvec_rows.comp, A[M,K] times a vector, one
// workgroup per row.
func (e *Executor) matvecRows(o *op.MatMul) error {
	spec := gpu.PipelineSpec{Shader: "matvec_rows", Constants: shaders.MatvecRows{M: o.M, K: o.K, Accumulate: o.Accumulate}}
	return e.dispatch(spec, [3]uint32{uint32(min(o.M, maxGroupsPerDim)), 1, 1}, []*op.Tensor{o.A, o.B}, []*op.Tensor{o.C})
}
