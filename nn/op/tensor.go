// Package op describes a computation as data: tensors, and an ordered plan of
// ops (kernel, tensors read, tensors written, constants). The Vulkan executor
// (nn/vkexec) and the CPU reference executor (nn/ref) both run a Plan.
package op

import (
	"fmt"
	"strings"
	"unsafe"
)

// DType is the element type of a tensor; both kinds are 4 bytes wide.
type DType int

// The element types.
const (
	F32 DType = iota // float32
	U32              // uint32 (indices, packed bytes, step parameters)
)

// Kind says what values a tensor holds, so that tests and verify can fill
// inputs with valid random contents.
type Kind int

// The kinds of contents.
const (
	Real     Kind = iota // any float32, drawn N(0,1) when random
	Positive             // a float32 > 0 (variances, Adam's second moment)
	Index                // a uint32 below Tensor.Bound
	Bytes                // uint32 words of packed uint8 values
	Params               // the per-step parameter block (see StepParams)
)

// Tensor is a named buffer of a plan. Tensors are compared by identity.
type Tensor struct {
	Name  string
	Shape []int
	Type  DType
	Kind  Kind
	// Bound is the exclusive upper bound of an Index tensor's values.
	Bound int
	// Host marks a tensor the host writes before every run or reads after
	// it; the Vulkan executor keeps it in mapped host-visible memory.
	Host bool
}

// Len is the number of elements.
func (t *Tensor) Len() int {
	n := 1
	for _, d := range t.Shape {
		n *= d
	}
	return n
}

// String names the tensor with its shape, such as "g/dense/kernel[100,12544]".
func (t *Tensor) String() string {
	dims := make([]string, len(t.Shape))
	for i, d := range t.Shape {
		dims[i] = fmt.Sprint(d)
	}
	return t.Name + "[" + strings.Join(dims, ",") + "]"
}

// NewF32 makes a float32 tensor of real values.
func NewF32(name string, shape ...int) *Tensor {
	return &Tensor{Name: name, Shape: shape, Type: F32, Kind: Real}
}

// AsUint32 views float32 storage as uint32 words (no copy): the CPU executor
// keeps every tensor as []float32 and U32 kernels read the bits.
func AsUint32(v []float32) []uint32 {
	return unsafe.Slice((*uint32)(unsafe.Pointer(unsafe.SliceData(v))), len(v))
}

// AsFloat32 views uint32 words as float32 storage (no copy).
func AsFloat32(v []uint32) []float32 {
	return unsafe.Slice((*float32)(unsafe.Pointer(unsafe.SliceData(v))), len(v))
}
