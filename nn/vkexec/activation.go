package vkexec

import (
	"fmt"

	"dcganvk/gpu"
	"dcganvk/nn/op"
	"dcganvk/shaders"
)

// activationFwd records y = f(x), shaders/<fn>_fwd.comp, one invocation per
// four elements.
func (e *Executor) activationFwd(o *op.ActivationFwd) error {
	var spec gpu.KernelSpec
	switch o.Fn {
	case op.ReLU:
		spec = gpu.KernelSpec{Shader: "relu_fwd", Constants: shaders.ReluFwd{N: o.N}}
	case op.LeakyReLU:
		spec = gpu.KernelSpec{Shader: "leaky_relu_fwd", Constants: shaders.LeakyReluFwd{N: o.N, Slope: op.LeakySlope}}
	case op.Tanh:
		spec = gpu.KernelSpec{Shader: "tanh_fwd", Constants: shaders.TanhFwd{N: o.N}}
	default:
		return fmt.Errorf("no kernel for activation %v", o.Fn)
	}
	return e.dispatch(spec, quadGroups(o.N), o.Reads(), o.Writes())
}

// activationBwd records dx from y and dy, shaders/<fn>_bwd.comp, one
// invocation per four elements.
func (e *Executor) activationBwd(o *op.ActivationBwd) error {
	var spec gpu.KernelSpec
	switch o.Fn {
	case op.ReLU:
		spec = gpu.KernelSpec{Shader: "relu_bwd", Constants: shaders.ReluBwd{N: o.N}}
	case op.LeakyReLU:
		spec = gpu.KernelSpec{Shader: "leaky_relu_bwd", Constants: shaders.LeakyReluBwd{N: o.N, Slope: op.LeakySlope}}
	case op.Tanh:
		spec = gpu.KernelSpec{Shader: "tanh_bwd", Constants: shaders.TanhBwd{N: o.N}}
	default:
		return fmt.Errorf("no kernel for activation %v", o.Fn)
	}
	return e.dispatch(spec, quadGroups(o.N), o.Reads(), o.Writes())
}
