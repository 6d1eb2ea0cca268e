package ref

import (
	"fmt"
	"math"

	"dcganvk/nn/op"
)

// reference calls the reference function of o over the elements that d gives
// each of its tensors. Every op type of nn/op has its case here.
func reference(d Storage, o op.Op) error {
	switch o := o.(type) {
	case *op.ActivationFwd:
		ActivationFwd(o.Fn, o.Slope, d(o.X), d(o.Y))
	case *op.ActivationBwd:
		ActivationBwd(o.Fn, o.Slope, d(o.Y), d(o.DY), d(o.DX))
	case *op.Adam:
		lr := op.AsUint32(d(o.Params))[o.LRSlot]
		Adam(math.Float32frombits(lr), o.Beta1, o.Beta2, o.Eps, d(o.G), d(o.W), d(o.M), d(o.V))
	case *op.BatchNormTrain:
		BatchNormTrain(d(o.X), d(o.Gamma), d(o.Beta), d(o.MovingMean), d(o.MovingVar), d(o.Y), d(o.Mean), d(o.Var),
			o.Rows, o.C, float64(o.Momentum), float64(o.Eps), o.UnbiasedMoving)
	case *op.BatchNormInfer:
		BatchNormInfer(d(o.X), d(o.Gamma), d(o.Beta), d(o.MovingMean), d(o.MovingVar), d(o.Y), o.Rows, o.C, float64(o.Eps))
	case *op.BatchNormBwd:
		BatchNormBwd(d(o.X), d(o.DY), d(o.Gamma), d(o.Mean), d(o.Var), d(o.DX), d(o.DGamma), d(o.DBeta),
			o.Rows, o.C, float64(o.Eps))
	case *op.BCELogits:
		BCELogits(d(o.Logits)[o.Offset:o.Offset+o.N], o.Target, d(o.Loss), d(o.Grad))
	case *op.BiasAdd:
		BiasAdd(d(o.Y), d(o.B), o.Rows, o.C)
	case *op.BiasGrad:
		BiasGrad(d(o.DY), d(o.DB), o.Rows, o.C, o.Accumulate)
	case *op.Concat:
		y := d(o.Y)
		copy(y, d(o.A))
		copy(y[o.A.Len():], d(o.B))
	case *op.Conv2D:
		Conv2D(d(o.X), d(o.W), d(o.Y), o.S)
	case *op.Conv2DBwdInput:
		Conv2DBwdInput(d(o.DY), d(o.W), d(o.DX), o.S)
	case *op.Conv2DBwdFilter:
		Conv2DBwdFilter(d(o.X), d(o.DY), d(o.DW), o.S, o.Accumulate)
	// The transposed convolution is the adjoint of the convolution S, so its
	// references are the convolution's with the roles of the tensors swapped
	// (see nn/op/conv_transpose.go).
	case *op.Conv2DTranspose:
		Conv2DBwdInput(d(o.X), d(o.W), d(o.Y), o.S)
	case *op.Conv2DTransposeBwdInput:
		Conv2D(d(o.DY), d(o.W), d(o.DX), o.S)
	case *op.Conv2DTransposeBwdFilter:
		Conv2DBwdFilter(d(o.DY), d(o.X), d(o.DW), o.S, false)
	case *op.BiasLeakyDropout:
		BiasLeakyDropout(op.DecodeParams(d(o.Params)), o.Streams, o.Rate, o.Slope, d(o.X), d(o.B), d(o.Y))
	case *op.DropoutLeakyBwd:
		DropoutLeakyBwd(op.DecodeParams(d(o.Params)), o.Streams, o.Rate, o.Slope, d(o.Y), d(o.DY), d(o.DX))
	case *op.Dropout:
		Dropout(op.DecodeParams(d(o.Params)), o.Stream, o.Rate, d(o.In), d(o.Out))
	case *op.Fill:
		y := d(o.Y)
		for i := range y {
			y[i] = o.Value
		}
	case *op.GatherImages:
		GatherImages(op.AsUint32(d(o.Images)), op.AsUint32(d(o.Order)), op.DecodeParams(d(o.Params)).BatchOffset,
			o.Count, o.Pixels, d(o.Y))
	case *op.GridPixels:
		GridPixels(d(o.Images), op.AsUint32(d(o.Pixels)), o)
	case *op.MatMul:
		MatMul(d(o.A), d(o.B), d(o.C), o.M, o.N, o.K, o.TransA, o.TransB, o.Accumulate)
	case *op.RandomFill:
		p := op.DecodeParams(d(o.Params))
		if o.Normal {
			RandomNormal(p, o.Stream, d(o.Y))
		} else {
			RandomUniform(p, o.Stream, d(o.Y))
		}
	case *op.RowScale:
		RowScale(d(o.Y), d(o.S), o.Rows, o.C)
	case *op.SoftmaxXent:
		SoftmaxXent(d(o.Logits), op.AsUint32(d(o.Labels)), o.C, d(o.Loss), d(o.Grad))
	default:
		return fmt.Errorf("%s %s: no CPU reference for %T", o.Kernel(), o.Shape(), o)
	}
	return nil
}
