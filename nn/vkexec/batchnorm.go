package vkexec

import (
	"dcganvk/gpu"
	"dcganvk/nn/op"
	"dcganvk/shaders"
)

// batchNormTrain records shaders/batchnorm_train_fwd.comp, a column
// reduction (see columnPlan) for the batch and moving statistics, then
// normalizes with the batch statistics.
func (e *Executor) batchNormTrain(o *op.BatchNormTrain) error {
	r := e.columnPlan(o.Rows, o.C)
	x, err := e.columnInput(r, partsMoments, o.Rows, o.C, o.X, o.X, o.X)
	if err != nil {
		return err
	}
	spec := gpu.PipelineSpec{Shader: "batchnorm_train_fwd", Constants: shaders.BatchnormTrainFwd{
		LocalSizeX: r.tx, LocalSizeY: r.ty, Rows: o.Rows, C: o.C, Parts: r.parts, PartRows: r.partRows,
		Momentum: o.Momentum, UnbiasedMoving: o.UnbiasedMoving}}
	if err := e.dispatch(spec, columnGroups(o.C, r.tx), []*op.Tensor{x},
		[]*op.Tensor{o.MovingMean, o.MovingVar, o.Mean, o.Var}); err != nil {
		return err
	}
	return e.batchNormNormalize(o.X, o.Gamma, o.Beta, o.Mean, o.Var, o.Y, o.Rows, o.C, o.Eps)
}

// batchNormNormalize records shaders/batchnorm_normalize.comp, y from x and
// per-column statistics (the batch's in training, the moving ones in
// inference), one invocation per four elements.
func (e *Executor) batchNormNormalize(x, gamma, beta, mean, variance, y *op.Tensor, rows, c int, eps float32) error {
	spec := gpu.PipelineSpec{Shader: "batchnorm_normalize", Constants: shaders.BatchnormNormalize{N: rows * c, C: c, Eps: eps}}
	return e.dispatch(spec, quadGroups(rows*c), []*op.Tensor{x, gamma, beta, mean, variance}, []*op.Tensor{y})
}

// batchNormBwd records shaders/batchnorm_bwd.comp, a column reduction (see
// columnPlan) for dgamma and dbeta, then shaders/batchnorm_bwd_dx.comp,
// dx one invocation per four elements.
func (e *Executor) batchNormBwd(o *op.BatchNormBwd) error {
	r := e.columnPlan(o.Rows, o.C)
	// In two stages batchnorm_bwd reads the parts in X's place and leaves DY.
	x, err := e.columnInput(r, partsBNBwd, o.Rows, o.C, o.X, o.DY, o.Mean)
	if err != nil {
		return err
	}
	spec := gpu.PipelineSpec{Shader: "batchnorm_bwd", Constants: shaders.BatchnormBwd{
		LocalSizeX: r.tx, LocalSizeY: r.ty, Rows: o.Rows, C: o.C, Parts: r.parts, PartRows: r.partRows, Eps: o.Eps}}
	if err := e.dispatch(spec, columnGroups(o.C, r.tx),
		[]*op.Tensor{x, o.DY, o.Mean, o.Var}, []*op.Tensor{o.DGamma, o.DBeta}); err != nil {
		return err
	}
	n := o.Rows * o.C
	spec = gpu.PipelineSpec{Shader: "batchnorm_bwd_dx", Constants: shaders.BatchnormBwdDx{N: n, C: o.C, Eps: o.Eps}}
	return e.dispatch(spec, quadGroups(n),
		[]*op.Tensor{o.X, o.DY, o.Gamma, o.Mean, o.Var, o.DGamma, o.DBeta}, []*op.Tensor{o.DX})
}
