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
	// Base is the tensor this one is a view of (nil for a tensor of its own):
	// elements [Offset, Offset+Len()) of Base. Views let one kernel run over
	// a whole parameter buffer while each layer sees its own weights.
	Base   *Tensor
	Offset int
}

// ViewAlign is the element alignment of a view's offset, so that a view
// can be bound as a storage buffer on every device (256 bytes covers the
// largest minStorageBufferOffsetAlignment of current drivers).
const ViewAlign = 64

// Root is the tensor that owns the storage of t (t itself if not a view).
func (t *Tensor) Root() *Tensor {
	if t.Base == nil {
		return t
	}
	return t.Base.Root()
}

// RootOffset is t's first element within Root().
func (t *Tensor) RootOffset() int {
	if t.Base == nil {
		return 0
	}
	return t.Offset + t.Base.RootOffset()
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

// NewPositive makes a float32 tensor whose values are > 0 (a variance).
func NewPositive(name string, shape ...int) *Tensor {
	return &Tensor{Name: name, Shape: shape, Type: F32, Kind: Positive}
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

// View is the view of elements [offset, offset+len) of t shaped shape,
// with t's kind; offset must be a multiple of ViewAlign.
func View(t *Tensor, name string, offset int, shape ...int) (*Tensor, error) {
	v := &Tensor{Name: name, Shape: shape, Type: t.Type, Kind: t.Kind, Bound: t.Bound, Base: t, Offset: offset}
	if offset%ViewAlign != 0 || offset < 0 || offset+v.Len() > t.Len() {
		return nil, fmt.Errorf("view [%d, %d) of %s: out of range or not aligned to %d elements", offset, offset+v.Len(), t, ViewAlign)
	}
	return v, nil
}

// Packer lays out views one after another in a flat tensor, each at an
// offset that is a multiple of ViewAlign; the gaps stay zero.
type Packer struct {
	Name  string
	views []*Tensor
	size  int
}

// Add reserves a view of the given shape.
func (p *Packer) Add(name string, shape ...int) *Tensor {
	p.size = (p.size + ViewAlign - 1) / ViewAlign * ViewAlign
	v := &Tensor{Name: name, Shape: shape, Type: F32, Kind: Real, Offset: p.size}
	p.size += v.Len()
	p.views = append(p.views, v)
	return v
}

// Build makes the flat tensor that holds every view added so far, and
// points the views at it.
func (p *Packer) Build() *Tensor {
	flat := NewF32(p.Name, (p.size+ViewAlign-1)/ViewAlign*ViewAlign)
	for _, v := range p.views {
		v.Base = flat
	}
	return flat
}
