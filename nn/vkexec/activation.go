package vkexec

import (
	"fmt"

	"dcganvk/gpu"
	"dcganvk/nn/op"
	"dcganvk/shaders"
)

// activation records one pass of an activation over n elements, one
// invocation per four: shaders/<fn>_fwd.comp (y = f(x)) or <fn>_bwd.comp
// (dx from y and dy), named by kernel; slope is LeakyReLU's.
func (e *Executor) activation(kernel string, n int, slope float32, reads, writes []*op.Tensor) error {
	var c shaders.Constants
	switch kernel {
	case "relu_fwd":
		c = shaders.ReluFwd{N: n}
	case "relu_bwd":
		c = shaders.ReluBwd{N: n}
	case "leaky_relu_fwd":
		c = shaders.LeakyReluFwd{N: n, Slope: slope}
	case "leaky_relu_bwd":
		c = shaders.LeakyReluBwd{N: n, Slope: slope}
	case "tanh_fwd":
		c = shaders.TanhFwd{N: n}
	case "tanh_bwd":
		c = shaders.TanhBwd{N: n}
	default:
		return fmt.Errorf("no activation kernel %s", kernel)
	}
	return e.dispatch(gpu.PipelineSpec{Shader: kernel, Constants: c}, quadGroups(n), reads, writes)
}
