package gpu

import (
	"runtime/debug"
	"sync"
)

// gcOff serializes withoutGC.
var gcOff sync.Mutex

// withoutGC runs a vulkan-go call with the garbage collector off. vulkan-go
// copies the slices a call takes (and the slices nested in its create-info
// structures) to C memory whose only owner is a finalizer, so a collection
// during the call may free that memory while the driver still reads it: a
// crash, or a descriptor bound to the wrong buffer. Turning the collector off
// waits for a running cycle and starts none until the call is done. Every
// vulkan-go call that passes a slice, directly or inside a structure, goes
// through here.
func withoutGC(call func()) {
	gcOff.Lock()
	defer gcOff.Unlock()
	defer debug.SetGCPercent(debug.SetGCPercent(-1))
	call()
}
