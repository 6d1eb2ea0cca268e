package train

import (
	"errors"
	"fmt"
	"io"

	"dcganvk/gpu"
	"dcganvk/nn/dcgan"
	"dcganvk/nn/op"
	"dcganvk/nn/vkexec"
	"dcganvk/train/imageio"
)

// PreviewEvery is how many train steps pass between refreshes of the live
// preview (it is also refreshed at the end of every epoch).
const PreviewEvery = 5

// preview shows the sample grid in a window while training runs: the
// sampler's images are drawn into a pixel buffer by the grid_pixels kernel
// and copied to the window's swapchain on the device.
type preview struct {
	window *gpu.Window
	exec   *vkexec.Executor
	plan   *op.Plan
	grid   *op.GridPixels
	log    io.Writer
}

// newGridPlan is the plan that draws the sampler's images as the grid of
// the PNGs.
func newGridPlan(s *dcgan.Sampler) (*op.Plan, *op.GridPixels, error) {
	g := imageio.GridLayout(s.N, s.Geo.Size, 4)
	g.Images = s.Images
	g.Pixels = &op.Tensor{Name: "preview/pixels", Shape: []int{g.Width() * g.Height()}, Type: op.U32}
	plan := &op.Plan{}
	return plan, g, plan.Add(g)
}

// openPreview opens the window, or says in one line why there is none.
func openPreview(dev *gpu.Device, exec *vkexec.Executor, plan *op.Plan, grid *op.GridPixels, log io.Writer) *preview {
	win, err := dev.OpenWindow("dcganvk", grid.Width(), grid.Height())
	if err != nil {
		fmt.Fprintf(log, "preview: no window (%v); training goes on without it\n", err)
		return nil
	}
	return &preview{window: win, exec: exec, plan: plan, grid: grid, log: log}
}

// show draws the sampler's current images and titles the window. It
// returns false once the user has closed the window.
func (p *preview) show(title string) (bool, error) {
	if err := p.exec.Run(p.plan); err != nil {
		return true, fmt.Errorf("drawing the preview: %w", err)
	}
	pixels, err := p.exec.Buffer(p.grid.Pixels)
	if err != nil {
		return true, err
	}
	p.window.SetTitle(title)
	if err := p.window.Present(pixels, p.grid.Width(), p.grid.Height()); errors.Is(err, gpu.ErrWindowClosed) {
		fmt.Fprintln(p.log, "preview: window closed; training goes on")
		return false, nil
	} else if err != nil {
		return true, fmt.Errorf("preview: %w", err)
	}
	return true, nil
}

func (p *preview) close() { p.window.Close() }
