package gpu

import (
	"errors"
	"fmt"
	"time"
	"unsafe"

	vk "github.com/vulkan-go/vulkan"
)

// setsPerPool is how many descriptor sets one descriptor pool of a recording holds.
const setsPerPool = 256

// maxBindings bounds the buffers (storage or texel) one kernel may bind.
const maxBindings = 16

// access is one buffer range a recorded dispatch reads or writes.
type access struct {
	buf   *Buffer
	write bool
}

// Recording is a command buffer of dispatches that is recorded once and
// submitted any number of times. It inserts a memory barrier wherever a
// dispatch reads what an earlier one wrote since the last barrier, or writes
// what an earlier one read or wrote; independent dispatches get none.
type Recording struct {
	dev      *Device
	cmd      vk.CommandBuffer
	fence    vk.Fence
	pools    []vk.DescriptorPool
	views    []vk.BufferView
	poolUsed int
	pending  []access
	ended    bool

	queries    vk.QueryPool
	maxQueries uint32
	names      []string
	barriers   int
}

// RecordOptions configures a recording.
type RecordOptions struct {
	// Timestamps writes a timestamp after every dispatch (where the device
	// supports it) so that Timings can report each one's duration.
	Timestamps bool
	// MaxDispatches bounds the dispatches of a timed recording (default 4096).
	MaxDispatches int
}

// NewRecording starts recording a command buffer.
func (c *Device) NewRecording(opts RecordOptions) (*Recording, error) {
	r := &Recording{dev: c}
	if err := r.start(opts); err != nil {
		r.Destroy()
		return nil, err
	}
	return r, nil
}

func (r *Recording) start(opts RecordOptions) error {
	c := r.dev
	var err error
	if r.cmd, err = c.newCommandBuffer(); err != nil {
		return err
	}
	if r.fence, err = c.newFence(); err != nil {
		return err
	}
	begin := vk.CommandBufferBeginInfo{SType: vk.StructureTypeCommandBufferBeginInfo}
	if err := check("vkBeginCommandBuffer", vk.BeginCommandBuffer(r.cmd, &begin)); err != nil {
		return err
	}
	// Writes of an earlier submit (of this or another recording) must be
	// visible to this one.
	hostBarrier(r.cmd)
	if opts.Timestamps && c.Info.Timestamps {
		r.maxQueries = uint32(opts.MaxDispatches) + 1
		if opts.MaxDispatches <= 0 {
			r.maxQueries = 4097
		}
		info := vk.QueryPoolCreateInfo{
			SType:      vk.StructureTypeQueryPoolCreateInfo,
			QueryType:  vk.QueryTypeTimestamp,
			QueryCount: r.maxQueries,
		}
		var pool vk.QueryPool
		if err := check("vkCreateQueryPool", vk.CreateQueryPool(c.device, &info, nil, &pool)); err != nil {
			return err
		}
		r.queries = pool
		vk.CmdResetQueryPool(r.cmd, r.queries, 0, r.maxQueries)
		vk.CmdWriteTimestamp(r.cmd, vk.PipelineStageBottomOfPipeBit, r.queries, 0)
	}
	return nil
}

// Dispatch records kernel k over groups workgroups. The reads are bound
// from binding 0, the writes after them; a buffer both read and written by
// the kernel goes with the writes.
func (r *Recording) Dispatch(k *Pipeline, groups [3]uint32, reads, writes []*Buffer) error {
	set, err := r.dispatchSet(k, groups, reads, writes)
	if err != nil {
		return err
	}
	r.barrierFor(reads, writes)
	r.emitDispatch(k, groups, set)
	return nil
}

// dispatchSet checks a dispatch and makes its descriptor set.
func (r *Recording) dispatchSet(k *Pipeline, groups [3]uint32, reads, writes []*Buffer) (vk.DescriptorSet, error) {
	if r.ended {
		return vk.NullDescriptorSet, errors.New("dispatch into an ended recording")
	}
	if n, want := len(reads)+len(writes), k.Spec.Constants.Bindings(); n != want {
		return vk.NullDescriptorSet, fmt.Errorf("kernel %s binds %d buffers, dispatch gives %d", k.Spec.Shader, want, n)
	}
	limits := r.dev.Info.MaxWorkgroupCount
	for i, g := range groups {
		if g == 0 || g > limits[i] {
			return vk.NullDescriptorSet, fmt.Errorf("kernel %s: %d workgroups in dimension %d (limit %d)", k, g, i, limits[i])
		}
	}
	if r.queries != vk.NullQueryPool && uint32(len(r.names))+1 >= r.maxQueries {
		return vk.NullDescriptorSet, fmt.Errorf("timed recording holds at most %d dispatches", r.maxQueries-1)
	}
	return r.descriptorSet(k, append(append([]*Buffer{}, reads...), writes...))
}

// emitDispatch records the binding of k and set, the dispatch, and its
// timestamp.
func (r *Recording) emitDispatch(k *Pipeline, groups [3]uint32, set vk.DescriptorSet) {
	vk.CmdBindPipeline(r.cmd, vk.PipelineBindPointCompute, k.pipeline)
	withoutGC(func() {
		vk.CmdBindDescriptorSets(r.cmd, vk.PipelineBindPointCompute, k.layout, 0, 1, []vk.DescriptorSet{set}, 0, nil)
	})
	vk.CmdDispatch(r.cmd, groups[0], groups[1], groups[2])
	r.names = append(r.names, k.String())
	if r.queries != vk.NullQueryPool {
		vk.CmdWriteTimestamp(r.cmd, vk.PipelineStageBottomOfPipeBit, r.queries, uint32(len(r.names)))
	}
}

// Copy records a copy of src into dst from byte dstOffset on (a multiple of
// 4; src's whole size), with the barriers a dispatch gets: it waits for
// earlier writes of either range, and later reads of dst's range wait for
// it.
func (r *Recording) Copy(src, dst *Buffer, dstOffset uint64) error {
	if r.ended {
		return errors.New("copy into an ended recording")
	}
	if dstOffset%4 != 0 || dstOffset+src.size > dst.size {
		return fmt.Errorf("copy of %d bytes to byte %d of a %d-byte buffer", src.size, dstOffset, dst.size)
	}
	target := &Buffer{block: dst.block, offset: dst.offset + dstOffset, size: src.size}
	r.barrierFor([]*Buffer{src}, []*Buffer{target})
	region := []vk.BufferCopy{{SrcOffset: vk.DeviceSize(src.offset), DstOffset: vk.DeviceSize(target.offset),
		Size: vk.DeviceSize(src.size)}}
	withoutGC(func() { vk.CmdCopyBuffer(r.cmd, src.block.buffer, dst.block.buffer, 1, region) })
	return nil
}

// Fill records vkCmdFillBuffer: every 32-bit word of b set to word.
func (r *Recording) Fill(b *Buffer, word uint32) error {
	if r.ended {
		return errors.New("fill into an ended recording")
	}
	if b.size%4 != 0 {
		return fmt.Errorf("fill of %d bytes: not whole words", b.size)
	}
	r.barrierFor(nil, []*Buffer{b})
	withoutGC(func() {
		vk.CmdFillBuffer(r.cmd, b.block.buffer, vk.DeviceSize(b.offset), vk.DeviceSize(b.size), word)
	})
	return nil
}

// barrierFor records a barrier when the next dispatch conflicts with an
// access since the last one, then notes the dispatch's own accesses.
func (r *Recording) barrierFor(reads, writes []*Buffer) {
	conflict := false
	for _, p := range r.pending {
		for _, b := range reads {
			conflict = conflict || (p.write && p.buf.overlaps(b))
		}
		for _, b := range writes {
			conflict = conflict || p.buf.overlaps(b)
		}
	}
	if conflict {
		hostBarrier(r.cmd)
		r.barriers++
		r.pending = r.pending[:0]
	}
	for _, b := range reads {
		r.pending = append(r.pending, access{buf: b})
	}
	for _, b := range writes {
		r.pending = append(r.pending, access{buf: b, write: true})
	}
}

// Dispatches is the number of dispatches recorded so far.
func (r *Recording) Dispatches() int { return len(r.names) }

// Barriers is the number of barriers the recording inserted between dispatches.
func (r *Recording) Barriers() int { return r.barriers }

func (r *Recording) descriptorSet(k *Pipeline, bufs []*Buffer) (vk.DescriptorSet, error) {
	if len(r.pools) == 0 || r.poolUsed == setsPerPool {
		if err := r.addPool(); err != nil {
			return vk.NullDescriptorSet, err
		}
	}
	info := vk.DescriptorSetAllocateInfo{
		SType:              vk.StructureTypeDescriptorSetAllocateInfo,
		DescriptorPool:     r.pools[len(r.pools)-1],
		DescriptorSetCount: 1,
		PSetLayouts:        []vk.DescriptorSetLayout{k.setLayout},
	}
	sets := make([]vk.DescriptorSet, 1)
	var res vk.Result
	withoutGC(func() { res = vk.AllocateDescriptorSets(r.dev.device, &info, &sets[0]) })
	if err := check("vkAllocateDescriptorSets", res); err != nil {
		return vk.NullDescriptorSet, err
	}
	r.poolUsed++
	writes := make([]vk.WriteDescriptorSet, len(bufs))
	for i, b := range bufs {
		f := k.Spec.texel(i)
		writes[i] = vk.WriteDescriptorSet{
			SType:           vk.StructureTypeWriteDescriptorSet,
			DstSet:          sets[0],
			DstBinding:      uint32(i),
			DescriptorCount: 1,
			DescriptorType:  f.descriptorType(),
		}
		if f == NoTexel {
			writes[i].PBufferInfo = []vk.DescriptorBufferInfo{{
				Buffer: b.block.buffer, Offset: vk.DeviceSize(b.offset), Range: vk.DeviceSize(b.size)}}
			continue
		}
		view, err := r.texelView(b, f)
		if err != nil {
			return vk.NullDescriptorSet, fmt.Errorf("kernel %s binding %d: %w", k, i, err)
		}
		writes[i].PTexelBufferView = []vk.BufferView{view}
	}
	withoutGC(func() { vk.UpdateDescriptorSets(r.dev.device, uint32(len(writes)), writes, 0, nil) })
	return sets[0], nil
}

func (r *Recording) addPool() error {
	info := vk.DescriptorPoolCreateInfo{
		SType:         vk.StructureTypeDescriptorPoolCreateInfo,
		MaxSets:       setsPerPool,
		PoolSizeCount: 2,
		PPoolSizes: []vk.DescriptorPoolSize{
			{Type: vk.DescriptorTypeStorageBuffer, DescriptorCount: setsPerPool * maxBindings},
			{Type: vk.DescriptorTypeUniformTexelBuffer, DescriptorCount: setsPerPool * maxBindings}},
	}
	var pool vk.DescriptorPool
	var res vk.Result
	withoutGC(func() { res = vk.CreateDescriptorPool(r.dev.device, &info, nil, &pool) })
	if err := check("vkCreateDescriptorPool", res); err != nil {
		return err
	}
	r.pools = append(r.pools, pool)
	r.poolUsed = 0
	return nil
}

// End finishes recording; the recording can then be submitted.
func (r *Recording) End() error {
	if r.ended {
		return nil
	}
	hostBarrier(r.cmd)
	r.ended = true
	return check("vkEndCommandBuffer", vk.EndCommandBuffer(r.cmd))
}

// Submit queues the recording (ending it first if needed) without waiting.
func (r *Recording) Submit() error {
	if err := r.End(); err != nil {
		return err
	}
	return r.dev.submit(r.cmd, r.fence)
}

// Wait blocks until the last Submit has finished.
func (r *Recording) Wait() error { return r.dev.wait(r.fence) }

// Run submits the recording and waits for it.
func (r *Recording) Run() error {
	if err := r.Submit(); err != nil {
		return err
	}
	return r.Wait()
}

// Timing is one dispatch's duration on the device.
type Timing struct {
	Kernel   string
	Duration time.Duration
}

// Timings reads the timestamps of the last run: each dispatch's time from
// the end of the one before. It fails for a recording made without them.
func (r *Recording) Timings() ([]Timing, error) {
	if r.queries == vk.NullQueryPool {
		return nil, errors.New("recording has no timestamps (not requested, or the device has none)")
	}
	n := uint32(len(r.names)) + 1
	stamps := make([]uint64, n)
	if err := check("vkGetQueryPoolResults", vk.GetQueryPoolResults(r.dev.device, r.queries, 0, n,
		uint(8*n), unsafe.Pointer(&stamps[0]), 8,
		vk.QueryResultFlags(vk.QueryResult64Bit|vk.QueryResultWaitBit))); err != nil {
		return nil, err
	}
	period := float64(r.dev.Info.TimestampPeriodNs)
	out := make([]Timing, len(r.names))
	for i := range out {
		out[i] = Timing{Kernel: r.names[i], Duration: time.Duration(float64(stamps[i+1]-stamps[i]) * period)}
	}
	return out, nil
}

// Destroy frees the recording's command buffer, fence, pools and queries.
func (r *Recording) Destroy() {
	vkDev := r.dev.device
	if r.cmd != nil {
		vk.FreeCommandBuffers(vkDev, r.dev.commandPool, 1, []vk.CommandBuffer{r.cmd})
		r.cmd = nil
	}
	if r.fence != vk.NullFence {
		vk.DestroyFence(vkDev, r.fence, nil)
		r.fence = vk.NullFence
	}
	for _, p := range r.pools {
		vk.DestroyDescriptorPool(vkDev, p, nil)
	}
	r.pools = nil
	for _, v := range r.views {
		vk.DestroyBufferView(vkDev, v, nil)
	}
	r.views = nil
	if r.queries != vk.NullQueryPool {
		vk.DestroyQueryPool(vkDev, r.queries, nil)
		r.queries = vk.NullQueryPool
	}
}
