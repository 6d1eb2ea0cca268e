package gpu

import (
	"math"

	vk "github.com/vulkan-go/vulkan"
)

// newCommandBuffer allocates a primary command buffer from the device's pool.
func (c *Device) newCommandBuffer() (vk.CommandBuffer, error) {
	info := vk.CommandBufferAllocateInfo{
		SType:              vk.StructureTypeCommandBufferAllocateInfo,
		CommandPool:        c.commandPool,
		Level:              vk.CommandBufferLevelPrimary,
		CommandBufferCount: 1,
	}
	cmds := make([]vk.CommandBuffer, 1)
	var res vk.Result
	withoutGC(func() { res = vk.AllocateCommandBuffers(c.device, &info, cmds) })
	if err := check("vkAllocateCommandBuffers", res); err != nil {
		return nil, err
	}
	return cmds[0], nil
}

func (c *Device) newFence() (vk.Fence, error) {
	info := vk.FenceCreateInfo{SType: vk.StructureTypeFenceCreateInfo}
	var f vk.Fence
	err := check("vkCreateFence", vk.CreateFence(c.device, &info, nil, &f))
	return f, err
}

// submit queues a recorded command buffer, signalling fence when it is done.
func (c *Device) submit(cmd vk.CommandBuffer, fence vk.Fence) error {
	c.submitted = true
	var res vk.Result
	withoutGC(func() {
		res = vk.QueueSubmit(c.queue, 1, []vk.SubmitInfo{{
			SType:              vk.StructureTypeSubmitInfo,
			CommandBufferCount: 1,
			PCommandBuffers:    []vk.CommandBuffer{cmd},
		}}, fence)
	})
	return check("vkQueueSubmit", res)
}

// wait blocks until fence is signalled, then resets it for the next submit.
func (c *Device) wait(fence vk.Fence) error {
	fences := []vk.Fence{fence}
	if err := check("vkWaitForFences", vk.WaitForFences(c.device, 1, fences, vk.True, math.MaxUint64)); err != nil {
		return err
	}
	return check("vkResetFences", vk.ResetFences(c.device, 1, fences))
}

// runOnce records fn into a one-time command buffer, submits it and waits.
func (c *Device) runOnce(fn func(cmd vk.CommandBuffer)) error {
	cmd, err := c.newCommandBuffer()
	if err != nil {
		return err
	}
	defer vk.FreeCommandBuffers(c.device, c.commandPool, 1, []vk.CommandBuffer{cmd})
	begin := vk.CommandBufferBeginInfo{
		SType: vk.StructureTypeCommandBufferBeginInfo,
		Flags: vk.CommandBufferUsageFlags(vk.CommandBufferUsageOneTimeSubmitBit),
	}
	if err := check("vkBeginCommandBuffer", vk.BeginCommandBuffer(cmd, &begin)); err != nil {
		return err
	}
	fn(cmd)
	if err := check("vkEndCommandBuffer", vk.EndCommandBuffer(cmd)); err != nil {
		return err
	}
	fence, err := c.newFence()
	if err != nil {
		return err
	}
	defer vk.DestroyFence(c.device, fence, nil)
	if err := c.submit(cmd, fence); err != nil {
		return err
	}
	return c.wait(fence)
}
