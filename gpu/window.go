//go:build !nopreview

package gpu

import (
	"errors"
	"fmt"
	"math"

	"github.com/go-gl/glfw/v3.3/glfw"
	vk "github.com/vulkan-go/vulkan"
)

// ErrWindowClosed is returned by Present once the user has closed the window.
var ErrWindowClosed = errors.New("window closed")

// initWindowing starts GLFW (it needs a display) and returns the instance
// extensions a window surface needs.
func initWindowing() ([]string, error) {
	if err := glfw.Init(); err != nil {
		return nil, fmt.Errorf("no display for a window: %w", err)
	}
	exts := (*glfw.Window)(nil).GetRequiredInstanceExtensions()
	if len(exts) == 0 {
		glfw.Terminate()
		return nil, errors.New("no Vulkan window surface extensions on this display")
	}
	return exts, nil
}

func terminateWindowing() { glfw.Terminate() }

// Window is a desktop window that shows a device buffer of pixels through a
// Vulkan swapchain: the pixels go from the buffer to the swapchain image on
// the device, never through the host.
type Window struct {
	dev       *Device
	win       *glfw.Window
	surface   vk.Surface
	swapchain vk.Swapchain
	images    []vk.Image
	extent    vk.Extent2D
	bgra      bool
	acquired  vk.Semaphore
	rendered  vk.Semaphore
	cmd       vk.CommandBuffer
	fence     vk.Fence
	closed    bool
}

// OpenWindow opens a fixed-size window of width x height pixels. The device
// must have been opened with Options.Window.
func (c *Device) OpenWindow(title string, width, height int) (*Window, error) {
	if c.windowErr != nil {
		return nil, c.windowErr
	}
	if !c.windowing {
		return nil, errors.New("the Vulkan device was opened without window support")
	}
	glfw.WindowHint(glfw.ClientAPI, glfw.NoAPI)
	glfw.WindowHint(glfw.Resizable, glfw.False)
	win, err := glfw.CreateWindow(width, height, title, nil, nil)
	if err != nil {
		return nil, fmt.Errorf("creating the window: %w", err)
	}
	w := &Window{dev: c, win: win}
	if err := w.build(); err != nil {
		w.Close()
		return nil, err
	}
	c.windows[w] = true
	return w, nil
}

func (w *Window) build() error {
	c := w.dev
	ptr, err := w.win.CreateWindowSurface(c.instance, nil)
	if err != nil {
		return fmt.Errorf("creating the window surface: %w", err)
	}
	w.surface = vk.SurfaceFromPointer(ptr)
	var supported vk.Bool32
	if err := check("vkGetPhysicalDeviceSurfaceSupportKHR",
		vk.GetPhysicalDeviceSurfaceSupport(c.physical, c.queueFamily, w.surface, &supported)); err != nil {
		return err
	}
	if supported == vk.False {
		return fmt.Errorf("%s cannot present to this window from its compute queue", c.Info.Name)
	}
	if err := w.createSwapchain(); err != nil {
		return err
	}
	for _, s := range []*vk.Semaphore{&w.acquired, &w.rendered} {
		info := vk.SemaphoreCreateInfo{SType: vk.StructureTypeSemaphoreCreateInfo}
		var sem vk.Semaphore
		if err := check("vkCreateSemaphore", vk.CreateSemaphore(c.device, &info, nil, &sem)); err != nil {
			return err
		}
		*s = sem
	}
	if w.cmd, err = c.newCommandBuffer(); err != nil {
		return err
	}
	w.fence, err = c.newFence()
	return err
}

func (w *Window) createSwapchain() error {
	c := w.dev
	var caps vk.SurfaceCapabilities
	if err := check("vkGetPhysicalDeviceSurfaceCapabilitiesKHR",
		vk.GetPhysicalDeviceSurfaceCapabilities(c.physical, w.surface, &caps)); err != nil {
		return err
	}
	caps.Deref()
	caps.CurrentExtent.Deref()
	if caps.SupportedUsageFlags&vk.ImageUsageFlags(vk.ImageUsageTransferDstBit) == 0 {
		return errors.New("the window's swapchain images cannot be copied into")
	}
	var count uint32
	vk.GetPhysicalDeviceSurfaceFormats(c.physical, w.surface, &count, nil)
	formats := make([]vk.SurfaceFormat, count)
	var res vk.Result
	withoutGC(func() { res = vk.GetPhysicalDeviceSurfaceFormats(c.physical, w.surface, &count, formats) })
	if err := check("vkGetPhysicalDeviceSurfaceFormatsKHR", res); err != nil {
		return err
	}
	format, ok := byteFormat(formats[:count])
	if !ok {
		return errors.New("the window offers no 8-bit RGBA or BGRA format")
	}
	w.extent = caps.CurrentExtent
	w.bgra = format.Format == vk.FormatB8g8r8a8Unorm || format.Format == vk.FormatB8g8r8a8Srgb
	info := vk.SwapchainCreateInfo{
		SType:            vk.StructureTypeSwapchainCreateInfo,
		Surface:          w.surface,
		MinImageCount:    max(caps.MinImageCount, 2),
		ImageFormat:      format.Format,
		ImageColorSpace:  format.ColorSpace,
		ImageExtent:      w.extent,
		ImageArrayLayers: 1,
		ImageUsage:       vk.ImageUsageFlags(vk.ImageUsageTransferDstBit),
		ImageSharingMode: vk.SharingModeExclusive,
		PreTransform:     caps.CurrentTransform,
		CompositeAlpha:   vk.CompositeAlphaOpaqueBit,
		PresentMode:      vk.PresentModeFifo,
		Clipped:          vk.True,
	}
	if caps.MaxImageCount > 0 {
		info.MinImageCount = min(info.MinImageCount, caps.MaxImageCount)
	}
	var swapchain vk.Swapchain
	withoutGC(func() { res = vk.CreateSwapchain(c.device, &info, nil, &swapchain) })
	if err := check("vkCreateSwapchainKHR", res); err != nil {
		return err
	}
	w.swapchain = swapchain
	vk.GetSwapchainImages(c.device, w.swapchain, &count, nil)
	images := make([]vk.Image, count)
	withoutGC(func() { res = vk.GetSwapchainImages(c.device, w.swapchain, &count, images) })
	w.images = images
	return check("vkGetSwapchainImagesKHR", res)
}

// byteFormat picks an 8-bit four-channel format, RGBA or BGRA (BGRA says
// which: the pixels must be drawn in its byte order).
func byteFormat(formats []vk.SurfaceFormat) (vk.SurfaceFormat, bool) {
	for i := range formats {
		formats[i].Deref()
		switch formats[i].Format {
		case vk.FormatB8g8r8a8Unorm, vk.FormatR8g8b8a8Unorm, vk.FormatB8g8r8a8Srgb, vk.FormatR8g8b8a8Srgb:
			return formats[i], true
		}
	}
	return vk.SurfaceFormat{}, false
}

// BGRA says whether the window takes pixels with bytes B, G, R, A in
// memory; otherwise R, G, B, A.
func (w *Window) BGRA() bool { return w.bgra }

// SetTitle changes the window's title.
func (w *Window) SetTitle(title string) {
	if !w.closed {
		w.win.SetTitle(title)
	}
}

// Closed handles the window's events and tells whether the user closed it.
func (w *Window) Closed() bool {
	if !w.closed {
		glfw.PollEvents()
		if w.win.ShouldClose() {
			w.Close()
		}
	}
	return w.closed
}

// Present shows pixels, width x height opaque 32-bit words in a device
// buffer, in the window: a copy on the device into the next swapchain image.
// It returns ErrWindowClosed once the user has closed the window.
func (w *Window) Present(pixels *Buffer, width, height int) error {
	if w.Closed() {
		return ErrWindowClosed
	}
	if uint64(4*width*height) > pixels.size {
		return fmt.Errorf("present: %dx%d pixels from a %d-byte buffer", width, height, pixels.size)
	}
	c := w.dev
	var index uint32
	res := vk.AcquireNextImage(c.device, w.swapchain, math.MaxUint64, w.acquired, vk.NullFence, &index)
	if res != vk.Success && res != vk.Suboptimal {
		return check("vkAcquireNextImageKHR", res)
	}
	if err := w.record(pixels, width, height, w.images[index]); err != nil {
		return err
	}
	c.submitted = true
	withoutGC(func() {
		res = vk.QueueSubmit(c.queue, 1, []vk.SubmitInfo{{
			SType:                vk.StructureTypeSubmitInfo,
			WaitSemaphoreCount:   1,
			PWaitSemaphores:      []vk.Semaphore{w.acquired},
			PWaitDstStageMask:    []vk.PipelineStageFlags{vk.PipelineStageFlags(vk.PipelineStageTransferBit)},
			CommandBufferCount:   1,
			PCommandBuffers:      []vk.CommandBuffer{w.cmd},
			SignalSemaphoreCount: 1,
			PSignalSemaphores:    []vk.Semaphore{w.rendered},
		}}, w.fence)
	})
	if err := check("vkQueueSubmit", res); err != nil {
		return err
	}
	withoutGC(func() {
		res = vk.QueuePresent(c.queue, &vk.PresentInfo{
			SType:              vk.StructureTypePresentInfo,
			WaitSemaphoreCount: 1,
			PWaitSemaphores:    []vk.Semaphore{w.rendered},
			SwapchainCount:     1,
			PSwapchains:        []vk.Swapchain{w.swapchain},
			PImageIndices:      []uint32{index},
		})
	})
	if res != vk.Success && res != vk.Suboptimal {
		return check("vkQueuePresentKHR", res)
	}
	return c.wait(w.fence)
}

// record fills the window's command buffer: make the pixels visible to a
// copy, move the image to a copy layout, copy, move it to the present layout.
func (w *Window) record(pixels *Buffer, width, height int, image vk.Image) error {
	if err := check("vkResetCommandBuffer", vk.ResetCommandBuffer(w.cmd, 0)); err != nil {
		return err
	}
	begin := vk.CommandBufferBeginInfo{SType: vk.StructureTypeCommandBufferBeginInfo,
		Flags: vk.CommandBufferUsageFlags(vk.CommandBufferUsageOneTimeSubmitBit)}
	if err := check("vkBeginCommandBuffer", vk.BeginCommandBuffer(w.cmd, &begin)); err != nil {
		return err
	}
	hostBarrier(w.cmd)
	w.transition(image, vk.ImageLayoutUndefined, vk.ImageLayoutTransferDstOptimal, 0,
		vk.AccessFlags(vk.AccessTransferWriteBit))
	region := []vk.BufferImageCopy{{
		BufferOffset:     vk.DeviceSize(pixels.offset),
		BufferRowLength:  uint32(width),
		ImageSubresource: vk.ImageSubresourceLayers{AspectMask: vk.ImageAspectFlags(vk.ImageAspectColorBit), LayerCount: 1},
		ImageExtent: vk.Extent3D{Width: min(uint32(width), w.extent.Width),
			Height: min(uint32(height), w.extent.Height), Depth: 1},
	}}
	withoutGC(func() {
		vk.CmdCopyBufferToImage(w.cmd, pixels.block.buffer, image, vk.ImageLayoutTransferDstOptimal, 1, region)
	})
	w.transition(image, vk.ImageLayoutTransferDstOptimal, vk.ImageLayoutPresentSrc,
		vk.AccessFlags(vk.AccessTransferWriteBit), 0)
	return check("vkEndCommandBuffer", vk.EndCommandBuffer(w.cmd))
}

// transition records an image layout change after the copy stage's work.
func (w *Window) transition(image vk.Image, from, to vk.ImageLayout, src, dst vk.AccessFlags) {
	barrier := []vk.ImageMemoryBarrier{{
		SType:               vk.StructureTypeImageMemoryBarrier,
		SrcAccessMask:       src,
		DstAccessMask:       dst,
		OldLayout:           from,
		NewLayout:           to,
		SrcQueueFamilyIndex: vk.QueueFamilyIgnored,
		DstQueueFamilyIndex: vk.QueueFamilyIgnored,
		Image:               image,
		SubresourceRange: vk.ImageSubresourceRange{AspectMask: vk.ImageAspectFlags(vk.ImageAspectColorBit),
			LevelCount: 1, LayerCount: 1},
	}}
	withoutGC(func() {
		vk.CmdPipelineBarrier(w.cmd, vk.PipelineStageFlags(vk.PipelineStageTransferBit),
			vk.PipelineStageFlags(vk.PipelineStageTransferBit|vk.PipelineStageBottomOfPipeBit),
			0, 0, nil, 0, nil, 1, barrier)
	})
}

// Close destroys the window and its Vulkan objects; training goes on.
func (w *Window) Close() {
	if w.closed {
		return
	}
	w.closed = true
	c := w.dev
	vk.DeviceWaitIdle(c.device)
	if w.fence != vk.NullFence {
		vk.DestroyFence(c.device, w.fence, nil)
	}
	if w.cmd != nil {
		vk.FreeCommandBuffers(c.device, c.commandPool, 1, []vk.CommandBuffer{w.cmd})
	}
	for _, s := range []vk.Semaphore{w.acquired, w.rendered} {
		if s != vk.NullSemaphore {
			vk.DestroySemaphore(c.device, s, nil)
		}
	}
	if w.swapchain != vk.NullSwapchain {
		vk.DestroySwapchain(c.device, w.swapchain, nil)
	}
	if w.surface != vk.NullSurface {
		vk.DestroySurface(c.instance, w.surface, nil)
	}
	w.win.Destroy()
	delete(c.windows, w)
}
