package vkexec

import (
	"fmt"
	"math"

	"dcganvk/nn/op"
)

// fill records op.Fill as a buffer fill, no shader (so nothing in a walk of
// Pipelines).
func (e *Executor) fill(o *op.Fill) error {
	if e.pipelinesOnly {
		return nil
	}
	y, err := e.Buffer(o.Y)
	if err != nil {
		return err
	}
	if err := e.rec.Fill(y, math.Float32bits(o.Value)); err != nil {
		return fmt.Errorf("filling %s: %w", o.Y, err)
	}
	return nil
}
