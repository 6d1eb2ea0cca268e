package gpu

import (
	"fmt"
	"unsafe"

	vk "github.com/vulkan-go/vulkan"
)

// blockBytes is the size of one device allocation; tensors are carved out of
// these blocks so the program makes a handful of allocations, not hundreds.
const blockBytes = 64 << 20

// Buffer is a range of a device allocation that kernels read and write.
type Buffer struct {
	block  *block
	offset uint64
	size   uint64
}

// Slice returns the bytes [offset, offset+size) of b as a buffer of its
// own. The offset must keep the device's storage and texel buffer alignment.
func (b *Buffer) Slice(offset, size uint64) (*Buffer, error) {
	if offset+size > b.size {
		return nil, fmt.Errorf("slice [%d, %d) of a %d-byte buffer", offset, offset+size, b.size)
	}
	if (b.offset+offset)%b.block.alignment != 0 {
		return nil, fmt.Errorf("slice offset %d breaks the device's %d-byte alignment", offset, b.block.alignment)
	}
	return &Buffer{block: b.block, offset: b.offset + offset, size: size}, nil
}

// overlaps tells whether two buffers share any byte.
func (b *Buffer) overlaps(o *Buffer) bool {
	return b.block == o.block && b.offset < o.offset+o.size && o.offset < b.offset+b.size
}

// block is one VkDeviceMemory with one VkBuffer bound over all of it.
type block struct {
	buffer vk.Buffer
	memory vk.DeviceMemory
	size   uint64
	used   uint64
	mapped unsafe.Pointer // nil unless host-visible
	// alignment is the device's storage and texel buffer offset alignment.
	alignment uint64
}

// pool hands out ranges of blocks of one memory type.
type pool struct {
	typeIndex uint32
	mappable  bool
	blocks    []*block
}

// memory knows the memory types a device allocates from and owns every
// arena, so that closing the device frees whatever is left.
type memory struct {
	dev       *Device
	alignment uint64
	device    pool // what kernels use; host-visible where the device's memory is unified
	host      pool // host-visible memory for staging and values the host writes each step
	arenas    map[*Arena]bool
	// unusable, when set, is why the device allocates nothing.
	unusable error
}

// Arena is a set of buffers allocated together and freed together: an
// executor's tensors, say. Buffers are carved out of a few large blocks.
type Arena struct {
	m            *memory
	device, host pool
}

// NewArena starts an empty arena.
func (c *Device) NewArena() *Arena {
	a := &Arena{m: c.memory, device: pool{typeIndex: c.memory.device.typeIndex, mappable: c.memory.device.mappable},
		host: pool{typeIndex: c.memory.host.typeIndex, mappable: true}}
	c.memory.arenas[a] = true
	return a
}

// NewBuffer allocates size bytes of device memory for kernels to use.
func (a *Arena) NewBuffer(size uint64) (*Buffer, error) { return a.m.alloc(&a.device, size) }

// NewHostBuffer allocates size bytes that stay mapped on the host: for
// values the host writes before every submit and results it reads after.
func (a *Arena) NewHostBuffer(size uint64) (*Buffer, error) { return a.m.alloc(&a.host, size) }

// Free releases every buffer of the arena; none may be in use.
func (a *Arena) Free() {
	for _, p := range []*pool{&a.device, &a.host} {
		for _, b := range p.blocks {
			freeBlock(a.m.dev.device, b)
		}
		p.blocks = nil
	}
	delete(a.m.arenas, a)
}

func newMemory(c *Device, staging bool) (*memory, error) {
	var props vk.PhysicalDeviceProperties
	vk.GetPhysicalDeviceProperties(c.physical, &props)
	props.Deref()
	props.Limits.Deref()
	var mp vk.PhysicalDeviceMemoryProperties
	vk.GetPhysicalDeviceMemoryProperties(c.physical, &mp)
	mp.Deref()
	types := make([]vk.MemoryPropertyFlags, mp.MemoryTypeCount)
	for i := range types {
		mp.MemoryTypes[i].Deref()
		types[i] = mp.MemoryTypes[i].PropertyFlags
	}
	const (
		local    = vk.MemoryPropertyFlags(vk.MemoryPropertyDeviceLocalBit)
		visible  = vk.MemoryPropertyFlags(vk.MemoryPropertyHostVisibleBit | vk.MemoryPropertyHostCoherentBit)
		unifiedT = local | visible
	)
	alignment := max(uint64(props.Limits.MinStorageBufferOffsetAlignment),
		uint64(props.Limits.MinTexelBufferOffsetAlignment), 16)
	m := &memory{dev: c, alignment: alignment,
		arenas: map[*Arena]bool{}}
	hostIndex, ok := findMemoryType(types, visible)
	if !ok {
		return nil, fmt.Errorf("vkGetPhysicalDeviceMemoryProperties: %s has no usable memory: "+
			"it reports %d memory heaps and %d memory types, none of them host-visible and coherent", c.Info.Name, mp.MemoryHeapCount, mp.MemoryTypeCount)
	}
	m.host = pool{typeIndex: hostIndex, mappable: true}
	unified := (c.Info.Type == CPU || c.Info.Type == Integrated) && !staging
	if i, ok := findMemoryType(types, unifiedT); ok && unified {
		m.device = pool{typeIndex: i, mappable: true}
	} else if i, ok := findMemoryType(types, local); ok {
		m.device = pool{typeIndex: i}
	} else {
		m.device = m.host
	}
	return m, nil
}

// noMemory is the memory of a device opened with PipelinesOnly: every
// allocation is an error.
func noMemory(c *Device) *memory {
	return &memory{dev: c, arenas: map[*Arena]bool{},
		unusable: fmt.Errorf("%s was opened to build pipelines only: it allocates no memory", c.Info.Name)}
}

func findMemoryType(types []vk.MemoryPropertyFlags, want vk.MemoryPropertyFlags) (uint32, bool) {
	for i, t := range types {
		if t&want == want {
			return uint32(i), true
		}
	}
	return 0, false
}

// alloc returns size bytes from the pool, adding a block when none has room.
func (m *memory) alloc(p *pool, size uint64) (*Buffer, error) {
	if m.unusable != nil {
		return nil, m.unusable
	}
	if size == 0 {
		size = 4
	}
	for _, b := range p.blocks {
		offset := alignUp(b.used, m.alignment)
		if offset+size <= b.size {
			b.used = offset + size
			return &Buffer{block: b, offset: offset, size: size}, nil
		}
	}
	b, err := m.newBlock(p, max(alignUp(size, m.alignment), blockBytes))
	if err != nil {
		return nil, err
	}
	b.used = size
	return &Buffer{block: b, offset: 0, size: size}, nil
}

func alignUp(v, a uint64) uint64 { return (v + a - 1) / a * a }

func (m *memory) newBlock(p *pool, size uint64) (*block, error) {
	b := &block{size: size, alignment: m.alignment}
	if err := m.createBlock(p, b); err != nil {
		freeBlock(m.dev.device, b)
		return nil, err
	}
	p.blocks = append(p.blocks, b)
	return b, nil
}

// createBlock makes the buffer and memory of b; on error, freeBlock undoes
// whatever part it made.
func (m *memory) createBlock(p *pool, b *block) error {
	vkDev := m.dev.device
	info := vk.BufferCreateInfo{
		SType: vk.StructureTypeBufferCreateInfo,
		Size:  vk.DeviceSize(b.size),
		Usage: vk.BufferUsageFlags(vk.BufferUsageStorageBufferBit | vk.BufferUsageUniformTexelBufferBit |
			vk.BufferUsageTransferSrcBit | vk.BufferUsageTransferDstBit),
		SharingMode: vk.SharingModeExclusive,
	}
	var buffer vk.Buffer
	if err := check("vkCreateBuffer", vk.CreateBuffer(vkDev, &info, nil, &buffer)); err != nil {
		return err
	}
	b.buffer = buffer
	var req vk.MemoryRequirements
	vk.GetBufferMemoryRequirements(vkDev, b.buffer, &req)
	req.Deref()
	if req.MemoryTypeBits&(1<<p.typeIndex) == 0 {
		return fmt.Errorf("memory type %d cannot hold a storage buffer", p.typeIndex)
	}
	allocInfo := vk.MemoryAllocateInfo{
		SType:           vk.StructureTypeMemoryAllocateInfo,
		AllocationSize:  req.Size,
		MemoryTypeIndex: p.typeIndex,
	}
	var mem vk.DeviceMemory
	if err := check("vkAllocateMemory", vk.AllocateMemory(vkDev, &allocInfo, nil, &mem)); err != nil {
		return fmt.Errorf("allocating %d MiB: %w", b.size>>20, err)
	}
	b.memory = mem
	if err := check("vkBindBufferMemory", vk.BindBufferMemory(vkDev, b.buffer, b.memory, 0)); err != nil {
		return err
	}
	if p.mappable {
		var ptr unsafe.Pointer
		if err := check("vkMapMemory", vk.MapMemory(vkDev, b.memory, 0, vk.DeviceSize(vk.WholeSize), 0, &ptr)); err != nil {
			return err
		}
		b.mapped = ptr
	}
	return nil
}

// freeBlock releases whatever parts of b exist.
func freeBlock(vkDev vk.Device, b *block) {
	if b.mapped != nil {
		vk.UnmapMemory(vkDev, b.memory)
	}
	if b.buffer != vk.NullBuffer {
		vk.DestroyBuffer(vkDev, b.buffer, nil)
	}
	if b.memory != vk.NullDeviceMemory {
		vk.FreeMemory(vkDev, b.memory, nil)
	}
}

func (m *memory) destroy() {
	for a := range m.arenas {
		a.Free()
	}
}

// bytesOf views the mapped bytes of a buffer.
func (b *Buffer) bytesOf() []byte {
	return unsafe.Slice((*byte)(unsafe.Add(b.block.mapped, b.offset)), b.size)
}

// Upload copies data to the start of the buffer, through a staging buffer
// when the buffer's memory is not mapped.
func (c *Device) Upload(b *Buffer, data []byte) error {
	if uint64(len(data)) > b.size {
		return fmt.Errorf("upload of %d bytes into a %d-byte buffer", len(data), b.size)
	}
	if b.block.mapped != nil {
		copy(b.bytesOf(), data)
		return nil
	}
	staging, err := c.newStaging(uint64(len(data)))
	if err != nil {
		return err
	}
	defer staging.destroy(c.device)
	copy(staging.bytesOf(), data)
	return c.copyBuffer(staging.Buffer, 0, b, 0, uint64(len(data)))
}

// Download copies the start of the buffer into data.
func (c *Device) Download(b *Buffer, data []byte) error {
	if uint64(len(data)) > b.size {
		return fmt.Errorf("download of %d bytes from a %d-byte buffer", len(data), b.size)
	}
	if b.block.mapped != nil {
		copy(data, b.bytesOf())
		return nil
	}
	staging, err := c.newStaging(uint64(len(data)))
	if err != nil {
		return err
	}
	defer staging.destroy(c.device)
	if err := c.copyBuffer(b, 0, staging.Buffer, 0, uint64(len(data))); err != nil {
		return err
	}
	copy(data, staging.bytesOf())
	return nil
}

// Float32Bytes views a float32 slice as bytes (no copy).
func Float32Bytes(v []float32) []byte {
	return unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(v))), len(v)*4)
}
