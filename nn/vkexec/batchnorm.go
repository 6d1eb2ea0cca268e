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
// reduction (see columnLayout) that also writes every output.
func batchNormTrain(e *Executor, o *op.BatchNormTrain) error {
	extra := []uint32{math.Float32bits(o.Momentum), math.Float32bits(o.Eps), flag(o.UnbiasedMoving)}
	return e.columnDispatch("batchnorm_train_fwd", o.Rows, o.C, extra, o.Reads()[:3], o.Writes())
}

// batchNormInfer records shaders/batchnorm_infer_fwd.comp, one invocation per element.
func batchNormInfer(e *Executor, o *op.BatchNormInfer) error {
	spec := gpu.KernelSpec{Shader: "batchnorm_infer_fwd", Constants: []uint32{
		uint32(o.Rows * o.C), uint32(o.C), math.Float32bits(o.Eps)}}
	return e.dispatch(spec, elementGroups(o.Rows*o.C), o.Reads(), o.Writes())
}

// batchNormBwd records shaders/batchnorm_bwd.comp, a column reduction (see
// columnLayout) that also writes dx.
func batchNormBwd(e *Executor, o *op.BatchNormBwd) error {
	extra := []uint32{math.Float32bits(o.Eps)}
	return e.columnDispatch("batchnorm_bwd", o.Rows, o.C, extra, o.Reads(), o.Writes())
}
