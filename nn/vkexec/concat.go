package vkexec

import (
	"fmt"

	"dcganvk/nn/op"
)

// concat records op.Concat as two buffer copies, no shader (so nothing in
// a walk of Pipelines).
func (e *Executor) concat(o *op.Concat) error {
	if e.pipelinesOnly {
		return nil
	}
	y, err := e.Buffer(o.Y)
	if err != nil {
		return err
	}
	for _, part := range []struct {
		t      *op.Tensor
		offset int
	}{{o.A, 0}, {o.B, o.A.Len()}} {
		src, err := e.Buffer(part.t)
		if err != nil {
			return err
		}
		if err := e.rec.Copy(src, y, uint64(4*part.offset)); err != nil {
			return fmt.Errorf("copying %s: %w", part.t, err)
		}
	}
	return nil
}
