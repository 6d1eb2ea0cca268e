package ref

// BiasAdd adds a bias to every row of y [rows, c] in place:
//
//	y[r*c+j] += b[j]
func BiasAdd[T float32 | float64](y, b []T, rows, c int) {
	for r := 0; r < rows; r++ {
		for j := 0; j < c; j++ {
			y[r*c+j] += b[j]
		}
	}
}

// BiasGrad sums the rows of dy [rows, c] in float64, adding the old db when
// accumulate:
//
//	db[j] = Σ_r dy[r*c+j] (+ db[j])
func BiasGrad[T float32 | float64](dy, db []T, rows, c int, accumulate bool) {
	for j := 0; j < c; j++ {
		var sum float64
		for r := 0; r < rows; r++ {
			sum += float64(dy[r*c+j])
		}
		if accumulate {
			sum += float64(db[j])
		}
		db[j] = T(sum)
	}
}
