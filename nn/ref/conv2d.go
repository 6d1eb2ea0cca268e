package ref

import "dcganvk/nn/op"

// convTap calls fn for every tap (ky, kx) of output pixel (oy, ox) that
// lands inside the input, with the input pixel (iy, ix) it reads:
// iy = oy*S + ky - PadTop, ix = ox*S + kx - PadLeft.
func convTap(s op.ConvShape, oy, ox int, fn func(ky, kx, iy, ix int)) {
	for ky := 0; ky < s.K; ky++ {
		iy := oy*s.Stride + ky - s.PadTop()
		if iy < 0 || iy >= s.H {
			continue
		}
		for kx := 0; kx < s.K; kx++ {
			ix := ox*s.Stride + kx - s.PadLeft()
			if ix < 0 || ix >= s.W {
				continue
			}
			fn(ky, kx, iy, ix)
		}
	}
}

// Conv2D computes the convolution y = conv(x, w), summing in float64:
//
//	y[n,oy,ox,co] = Σ_{ky,kx,ci} x[n,iy,ix,ci]·w[ky,kx,ci,co]
//
// over the taps with iy = oy*S+ky-PadTop, ix = ox*S+kx-PadLeft inside the
// image (x is zero outside).
func Conv2D[T float32 | float64](x, w, y []T, s op.ConvShape) {
	oh, ow := s.OutH(), s.OutW()
	parallelFor(s.N*oh, func(lo, hi int) {
		sum := make([]float64, s.Cout)
		for row := lo; row < hi; row++ {
			n, oy := row/oh, row%oh
			for ox := 0; ox < ow; ox++ {
				clear(sum)
				convTap(s, oy, ox, func(ky, kx, iy, ix int) {
					xs := x[((n*s.H+iy)*s.W+ix)*s.Cin:][:s.Cin]
					for ci, xv := range xs {
						ws := w[((ky*s.K+kx)*s.Cin+ci)*s.Cout:][:s.Cout]
						for co, wv := range ws {
							sum[co] += float64(xv) * float64(wv)
						}
					}
				})
				ys := y[((n*oh+oy)*ow+ox)*s.Cout:][:s.Cout]
				for co := range ys {
					ys[co] = T(sum[co])
				}
			}
		}
	})
}

// Conv2DBwdInput computes the input gradient dx = ∂(Σ y·dy)/∂x of Conv2D,
// summing in float64:
//
//	dx[n,iy,ix,ci] = Σ_{ky,kx,co} dy[n,oy,ox,co]·w[ky,kx,ci,co]
//
// over the taps with oy*S+ky-PadTop = iy and ox*S+kx-PadLeft = ix.
func Conv2DBwdInput[T float32 | float64](dy, w, dx []T, s op.ConvShape) {
	oh, ow := s.OutH(), s.OutW()
	parallelFor(s.N, func(lo, hi int) {
		sum := make([]float64, s.H*s.W*s.Cin)
		for n := lo; n < hi; n++ {
			clear(sum)
			for oy := 0; oy < oh; oy++ {
				for ox := 0; ox < ow; ox++ {
					dys := dy[((n*oh+oy)*ow+ox)*s.Cout:][:s.Cout]
					convTap(s, oy, ox, func(ky, kx, iy, ix int) {
						for ci := range s.Cin {
							ws := w[((ky*s.K+kx)*s.Cin+ci)*s.Cout:][:s.Cout]
							var t float64
							for co, d := range dys {
								t += float64(d) * float64(ws[co])
							}
							sum[(iy*s.W+ix)*s.Cin+ci] += t
						}
					})
				}
			}
			dxs := dx[n*s.H*s.W*s.Cin:][:s.H*s.W*s.Cin]
			for i := range dxs {
				dxs[i] = T(sum[i])
			}
		}
	})
}

// Conv2DBwdFilter computes the filter gradient of Conv2D (plus the old dw
// when accumulate), summing in float64:
//
//	dw[ky,kx,ci,co] = Σ_{n,oy,ox} x[n,iy,ix,ci]·dy[n,oy,ox,co]
//
// over the output pixels whose tap (ky, kx) lands inside the image, with
// iy = oy*S+ky-PadTop and ix = ox*S+kx-PadLeft.
func Conv2DBwdFilter[T float32 | float64](x, dy, dw []T, s op.ConvShape, accumulate bool) {
	oh, ow := s.OutH(), s.OutW()
	taps := s.K * s.K
	parallelFor(taps, func(lo, hi int) {
		sum := make([]float64, s.Cin*s.Cout)
		for tap := lo; tap < hi; tap++ {
			ky, kx := tap/s.K, tap%s.K
			clear(sum)
			for n := 0; n < s.N; n++ {
				for oy := 0; oy < oh; oy++ {
					for ox := 0; ox < ow; ox++ {
						iy, ix := oy*s.Stride+ky-s.PadTop(), ox*s.Stride+kx-s.PadLeft()
						if iy < 0 || iy >= s.H || ix < 0 || ix >= s.W {
							continue
						}
						xs := x[((n*s.H+iy)*s.W+ix)*s.Cin:][:s.Cin]
						dys := dy[((n*oh+oy)*ow+ox)*s.Cout:][:s.Cout]
						for ci, xv := range xs {
							row := sum[ci*s.Cout:][:s.Cout]
							for co, d := range dys {
								row[co] += float64(xv) * float64(d)
							}
						}
					}
				}
			}
			dws := dw[tap*s.Cin*s.Cout:][:s.Cin*s.Cout]
			for i := range dws {
				if accumulate {
					sum[i] += float64(dws[i])
				}
				dws[i] = T(sum[i])
			}
		}
	})
}
