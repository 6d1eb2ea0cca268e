package vkexec

import (
	"dcganvk/gpu"
	"dcganvk/nn/op"
	"dcganvk/shaders"
)

// columnLayout is the workgroup shape of a one-stage column reduction
// (shaders/column_sum.glsl): tx groups of 4 columns, ty invocations per
// group. On a CPU device (lavapipe), one invocation per group: barriers
// cost more there than the parallelism over rows brings (at batch 256, 35
// ms against 250 ms for bn2's forward pass), and 8 groups a workgroup leave
// a workgroup for each core at 64 columns. On a GPU, one invocation per
// group where there are many columns or few rows (the Dense layer's
// features), else one workgroup per group (conv channels over
// batch·height·width), whose 256 invocations share the rows.
func columnLayout(device gpu.DeviceType, rows, c int) (tx, ty int) {
	switch {
	case device == gpu.CPU:
		return 8, 1
	case c >= 2048 || rows <= 256:
		return 64, 1
	default:
		return 1, 256
	}
}

// columnGroups is the grid of a column reduction over c columns with tx
// groups of 4 columns a workgroup.
func columnGroups(c, tx int) [3]uint32 { return [3]uint32{groups((c+3)/4, tx), 1, 1} }

// Modes of shaders/column_parts.comp (its MODE_* constants).
const (
	partsSum     = 0
	partsMoments = 1
	partsBNBwd   = 2
)

// The layout of column_parts.comp: partsTX groups of 4 columns (64
// columns, read along a row by adjacent invocations) by partsTY rows, about
// partsWorkgroups workgroups in all, and at least minPartRows rows a part.
const (
	partsTX         = 16
	partsTY         = 16
	partsWorkgroups = 512
	minPartRows     = 64
)

// columnReduction is how a column reduction over [rows, c] runs: in one
// stage (parts = 0) with a tx x ty layout, or in two, column_parts over
// parts chunks of partRows rows and then the reduction over the parts,
// one invocation per group of columns.
type columnReduction struct {
	tx, ty          int
	parts, partRows int
}

// columnPlan chooses the reduction of [rows, c]: two stages where the
// variants ask for them and the columns are few and long (the conv
// layers' channels), else columnLayout's.
func (e *Executor) columnPlan(rows, c int) columnReduction {
	tx, ty := columnLayout(e.dev.Info.Type, rows, c)
	if !e.variants.TwoStageReduce || c >= 2048 || rows <= 256 {
		return columnReduction{tx: tx, ty: ty}
	}
	perRow := int(groups((c+3)/4, partsTX))
	parts := max(1, min(partsWorkgroups/perRow, rows/minPartRows))
	partRows := (rows + parts - 1) / parts
	return columnReduction{tx: 64, ty: 1, parts: (rows + partRows - 1) / partRows, partRows: partRows}
}

// columnInput is what a column reduction planned as r reads in a's place:
// a itself in one stage; in two, the partial sums that it records stage one
// (column_parts.comp) to make over a [rows, c] (and b, mean in partsBNBwd).
func (e *Executor) columnInput(r columnReduction, mode, rows, c int, a, b, mean *op.Tensor) (*op.Tensor, error) {
	if r.parts == 0 {
		return a, nil
	}
	parts := op.NewF32(a.Name+"/parts", r.parts, 2, c)
	if err := e.allocate(parts); err != nil {
		return nil, err
	}
	spec := gpu.PipelineSpec{Shader: "column_parts", Constants: shaders.ColumnParts{
		LocalSizeX: partsTX, LocalSizeY: partsTY, Rows: rows, C: c, Parts: r.parts, PartRows: r.partRows, Mode: mode}}
	grid := [3]uint32{groups((c+3)/4, partsTX), uint32(r.parts), 1}
	return parts, e.dispatch(spec, grid, []*op.Tensor{a, b, mean}, []*op.Tensor{parts})
}
