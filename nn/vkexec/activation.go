package vkexec

import (
	"math"

	"dcganvk/gpu"
	"dcganvk/nn/op"
)

func init() {
	register(activationFwd)
	register(activationBwd)
}

// activationSpec is the kernel of one activation pass over n elements:
// shaders/<fn>_fwd.comp or _bwd.comp, with LeakyReLU's slope as a constant.
func activationSpec(kernel string, fn op.Activation, n int) gpu.KernelSpec {
	consts := []uint32{uint32(n)}
	if fn == op.LeakyReLU {
		consts = append(consts, math.Float32bits(op.LeakySlope))
	}
	return gpu.KernelSpec{Shader: kernel, Constants: consts}
}

// activationFwd records y = f(x), one invocation per four elements.
func activationFwd(e *Executor, o *op.ActivationFwd) error {
	return e.dispatch(activationSpec(o.Kernel(), o.Fn, o.N), quadGroups(o.N), o.Reads(), o.Writes())
}

// activationBwd records dx from y and dy, one invocation per four elements.
func activationBwd(e *Executor, o *op.ActivationBwd) error {
	return e.dispatch(activationSpec(o.Kernel(), o.Fn, o.N), quadGroups(o.N), o.Reads(), o.Writes())
}
