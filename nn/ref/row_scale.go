package ref

// RowScale multiplies each row of y [rows, c] by its factor, in place:
//
//	y[r*c+j] *= s[r]
func RowScale[T float32 | float64](y, s []T, rows, c int) {
	for r := 0; r < rows; r++ {
		for j := 0; j < c; j++ {
			y[r*c+j] *= s[r]
		}
	}
}
