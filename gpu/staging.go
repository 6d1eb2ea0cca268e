package gpu

import (
	vk "github.com/vulkan-go/vulkan"
)

// staging is a temporary host-visible buffer with its own allocation, freed
// as soon as a transfer is done.
type staging struct {
	*Buffer
}

// newStaging allocates a mapped buffer of size bytes outside the pools.
func (c *Device) newStaging(size uint64) (*staging, error) {
	p := pool{typeIndex: c.memory.host.typeIndex, mappable: true}
	// A pool of its own, outside every arena: destroy frees it.
	b, err := c.memory.newBlock(&p, max(size, 4))
	if err != nil {
		return nil, err
	}
	return &staging{&Buffer{block: b, size: size}}, nil
}

func (s *staging) destroy(vkDev vk.Device) { freeBlock(vkDev, s.block) }

// copyBuffer copies size bytes between buffers and waits for the copy.
func (c *Device) copyBuffer(src *Buffer, srcOffset uint64, dst *Buffer, dstOffset uint64, size uint64) error {
	return c.runOnce(func(cmd vk.CommandBuffer) {
		region := []vk.BufferCopy{{
			SrcOffset: vk.DeviceSize(src.offset + srcOffset),
			DstOffset: vk.DeviceSize(dst.offset + dstOffset),
			Size:      vk.DeviceSize(size),
		}}
		withoutGC(func() { vk.CmdCopyBuffer(cmd, src.block.buffer, dst.block.buffer, 1, region) })
		hostBarrier(cmd)
	})
}

// hostBarrier makes every earlier write of the command buffer visible to
// later commands and to the host.
func hostBarrier(cmd vk.CommandBuffer) {
	barrier := []vk.MemoryBarrier{{
		SType:         vk.StructureTypeMemoryBarrier,
		SrcAccessMask: vk.AccessFlags(vk.AccessShaderWriteBit | vk.AccessTransferWriteBit),
		DstAccessMask: vk.AccessFlags(vk.AccessShaderReadBit | vk.AccessShaderWriteBit |
			vk.AccessTransferReadBit | vk.AccessTransferWriteBit | vk.AccessHostReadBit),
	}}
	withoutGC(func() {
		vk.CmdPipelineBarrier(cmd,
			vk.PipelineStageFlags(vk.PipelineStageComputeShaderBit|vk.PipelineStageTransferBit),
			vk.PipelineStageFlags(vk.PipelineStageComputeShaderBit|vk.PipelineStageTransferBit|vk.PipelineStageHostBit),
			0, 1, barrier, 0, nil, 0, nil)
	})
}
