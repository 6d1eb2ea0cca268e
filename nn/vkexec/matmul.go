package vkexec

import (
	"dcganvk/gpu"
	"dcganvk/nn/op"
)

func init() { register(matmul) }

// matmul records shaders/matmul.comp: 16x16 invocations a workgroup, each
// computing a 4x4 block of C.
func matmul(e *Executor, o *op.MatMul) error {
	spec := gpu.KernelSpec{Shader: "matmul", Constants: []uint32{
		uint32(o.M), uint32(o.N), uint32(o.K), flag(o.TransA), flag(o.TransB), flag(o.Accumulate)}}
	spec = e.texelReads(spec, o.Reads()[:2], gpu.TexelR32F, gpu.TexelR32F)
	return e.dispatch(spec, [3]uint32{groups(o.N, 64), groups(o.M, 64), 1}, o.Reads()[:2], o.Writes())
}
