package vkexec

import (
	"fmt"

	"dcganvk/nn/op"
)

// record appends one op's dispatches to the recording. Every op type of
// nn/op has its case here.
func (e *Executor) record(o op.Op) error {
	switch o := o.(type) {
	case *op.ActivationFwd:
		return e.activation(o.Kernel(), o.N, o.Slope, o.Reads(), o.Writes())
	case *op.ActivationBwd:
		return e.activation(o.Kernel(), o.N, o.Slope, o.Reads(), o.Writes())
	case *op.Adam:
		return e.adam(o)
	case *op.BatchNormTrain:
		return e.batchNormTrain(o)
	case *op.BatchNormInfer:
		return e.batchNormNormalize(o.X, o.Gamma, o.Beta, o.MovingMean, o.MovingVar, o.Y, o.Rows, o.C, o.Eps)
	case *op.BatchNormBwd:
		return e.batchNormBwd(o)
	case *op.BCELogits:
		return e.bceLogits(o)
	case *op.BiasAdd:
		return e.biasAdd(o)
	case *op.BiasGrad:
		return e.biasGrad(o)
	case *op.Concat:
		return e.concat(o)
	case *op.Conv2D:
		return e.convFwd(o.S, o.X, o.W, o.Y)
	case *op.Conv2DBwdInput:
		return e.convBwdInput(o.S, o.DY, o.W, o.DX)
	case *op.Conv2DBwdFilter:
		return e.convBwdFilter(o.S, o.X, o.DY, o.DW, o.Accumulate)
	// The transposed convolution is the adjoint of the convolution S, so its
	// kernels are the convolution's with the roles of the tensors swapped
	// (see nn/op/conv_transpose.go).
	case *op.Conv2DTranspose:
		return e.convBwdInput(o.S, o.X, o.W, o.Y)
	case *op.Conv2DTransposeBwdInput:
		return e.convFwd(o.S, o.DY, o.W, o.DX)
	case *op.Conv2DTransposeBwdFilter:
		return e.convBwdFilter(o.S, o.DY, o.X, o.DW, false)
	case *op.BiasLeakyDropout:
		return e.biasLeakyDropout(o)
	case *op.DropoutLeakyBwd:
		return e.dropoutLeakyBwd(o)
	case *op.Dropout:
		return e.dropout(o)
	case *op.Fill:
		return e.fill(o)
	case *op.GatherImages:
		return e.gatherImages(o)
	case *op.GridPixels:
		return e.gridPixels(o)
	case *op.MatMul:
		return e.matmul(o)
	case *op.RandomFill:
		return e.randomFill(o)
	case *op.RowScale:
		return e.rowScale(o)
	case *op.SoftmaxXent:
		return e.softmaxXent(o)
	default:
		return fmt.Errorf("no Vulkan kernel for %T", o)
	}
}
