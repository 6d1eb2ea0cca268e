package vkexec

import (
	"math"

	"dcganvk/gpu"
	"dcganvk/nn/op"
)

func init() {
	register(batchNormTrain)
	register(batchNormInfer)
	register(batchNormBwd)
}

// batchNormTrain records shaders/batchnorm_train_fwd.comp, a column
// reduction (see columnLayout) for the batch and moving statistics, then
// normalizes with the batch statistics.
func batchNormTrain(e *Executor, o *op.BatchNormTrain) error {
	extra := []uint32{math.Float32bits(o.Momentum), flag(o.UnbiasedMoving)}
	if err := e.columnDispatch("batchnorm_train_fwd", o.Rows, o.C, extra, []*op.Tensor{o.X},
		[]*op.Tensor{o.MovingMean, o.MovingVar, o.Mean, o.Var}); err != nil {
		return err
	}
	return batchNormNormalize(e, o.X, o.Gamma, o.Beta, o.Mean, o.Var, o.Y, o.Rows, o.C, o.Eps)
}

// batchNormInfer normalizes with the moving statistics.
func batchNormInfer(e *Executor, o *op.BatchNormInfer) error {
	return batchNormNormalize(e, o.X, o.Gamma, o.Beta, o.MovingMean, o.MovingVar, o.Y, o.Rows, o.C, o.Eps)
}

// batchNormNormalize records shaders/batchnorm_normalize.comp, y from x and
// per-column statistics, one invocation per four elements.
func batchNormNormalize(e *Executor, x, gamma, beta, mean, variance, y *op.Tensor, rows, c int, eps float32) error {
	spec := gpu.KernelSpec{Shader: "batchnorm_normalize", Constants: []uint32{
		uint32(rows * c), uint32(c), math.Float32bits(eps)}}
	return e.dispatch(spec, quadGroups(rows*c), []*op.Tensor{x, gamma, beta, mean, variance}, []*op.Tensor{y})
}

// batchNormBwd records shaders/batchnorm_bwd.comp, a column reduction (see
// columnLayout) for dgamma and dbeta, then shaders/batchnorm_bwd_dx.comp,
// dx one invocation per four elements.
func batchNormBwd(e *Executor, o *op.BatchNormBwd) error {
	eps := math.Float32bits(o.Eps)
	if err := e.columnDispatch("batchnorm_bwd", o.Rows, o.C, []uint32{eps},
		[]*op.Tensor{o.X, o.DY, o.Mean, o.Var}, []*op.Tensor{o.DGamma, o.DBeta}); err != nil {
		return err
	}
	n := o.Rows * o.C
	spec := gpu.KernelSpec{Shader: "batchnorm_bwd_dx", Constants: []uint32{uint32(n), uint32(o.C), eps}}
	return e.dispatch(spec, quadGroups(n),
		[]*op.Tensor{o.X, o.DY, o.Gamma, o.Mean, o.Var, o.DGamma, o.DBeta}, []*op.Tensor{o.DX})
}
