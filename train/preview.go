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

// openPreview opens the window and the plan that draws the sampler's
// images into it as the grid of the PNGs, in the window's byte order; or
// says in one line why there is none. The plan must be among the
// executor's, which is set once it is made.
func openPreview(dev *gpu.Device, s *dcgan.Sampler, log io.Writer) (*preview, error) {
	g := imageio.GridLayout(s.N, s.Geo, 4)
	win, err := dev.OpenWindow("dcganvk", g.Width(), g.Height())
	if err != nil {
		fmt.Fprintf(log, "preview: no window (%v); training goes on without it\n", err)
		return nil, nil
	}
	g.Images, g.BGRA = s.Images, win.BGRA()
	g.Pixels = &op.Tensor{Name: "preview/pixels", Shape: []int{g.Width() * g.Height()}, Type: op.U32}
	plan := &op.Plan{}
	if err := plan.Add(g); err != nil {
		win.Close()
		return nil, err
	}
	return &preview{window: win, plan: plan, grid: g, log: log}, nil
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
