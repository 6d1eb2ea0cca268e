package ref

// MatMul computes C[M,N] = op(A)·op(B) (+ C when accumulate), summing in float64:
//
//	for i < m, j < n: c[i*n+j] = Σ_k A(i,k)·B(k,j)
//
// with A(i,p) = a[i*k+p], or a[p*m+i] when transA, and B(p,j) = b[p*n+j],
// or b[j*k+p] when transB.
func MatMul[T float32 | float64](a, b, c []T, m, n, k int, transA, transB, accumulate bool) {
	parallelFor(m, func(lo, hi int) { matMulRows(a, b, c, lo, hi, m, n, k, transA, transB, accumulate) })
}

// matMulRows computes rows [lo, hi) of MatMul.
func matMulRows[T float32 | float64](a, b, c []T, lo, hi, m, n, k int, transA, transB, accumulate bool) {
	for i := lo; i < hi; i++ {
		for j := 0; j < n; j++ {
			var sum float64
			for p := 0; p < k; p++ {
				av := a[i*k+p]
				if transA {
					av = a[p*m+i]
				}
				bv := b[p*n+j]
				if transB {
					bv = b[j*k+p]
				}
				sum += float64(av) * float64(bv)
			}
			if accumulate {
				sum += float64(c[i*n+j])
			}
			c[i*n+j] = T(sum)
		}
	}
}
