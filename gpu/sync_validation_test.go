package gpu

import (
	"os"
	"strings"
	"testing"
)

// TestSynchronizationValidationCatchesADroppedBarrier records a dispatch
// that reads what the one before it wrote, without the barrier Dispatch
// would put between them: the validation layer's synchronization checks
// (validationFeatures) must report the read-after-write hazard. The same
// two dispatches through Dispatch, with the barrier, must report nothing.
func TestSynchronizationValidationCatchesADroppedBarrier(t *testing.T) {
	if os.Getenv("DCGANVK_VALIDATE") == "0" {
		t.Skip("validation turned off")
	}
	for _, dropBarrier := range []bool{false, true} {
		c, err := Open(Options{Device: os.Getenv("DCGANVK_DEVICE"), Validate: true})
		if err != nil {
			t.Fatal(err)
		}
		k := matmul1(t, c)
		a, b, x, z := scalar(t, c, 2), scalar(t, c, 3), scalar(t, c, 0), scalar(t, c, 0)
		r, err := c.NewRecording(RecordOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if err := r.Dispatch(k, [3]uint32{1, 1, 1}, []*Buffer{a, b}, []*Buffer{x}); err != nil {
			t.Fatal(err)
		}
		reads, writes := []*Buffer{x, a}, []*Buffer{z} // z = x·a reads x
		if dropBarrier {
			set, err := r.dispatchSet(k, [3]uint32{1, 1, 1}, reads, writes)
			if err != nil {
				t.Fatal(err)
			}
			r.emitDispatch(k, [3]uint32{1, 1, 1}, set)
		} else if err := r.Dispatch(k, [3]uint32{1, 1, 1}, reads, writes); err != nil {
			t.Fatal(err)
		}
		if err := r.Run(); err != nil {
			t.Fatal(err)
		}
		r.Destroy()
		err = c.Close()
		switch {
		case !dropBarrier && err != nil:
			t.Errorf("with the barrier: %v", err)
		case dropBarrier && (err == nil || !strings.Contains(err.Error(), "SYNC-HAZARD-READ")):
			t.Errorf("without the barrier the layer reported no read-after-write hazard: %v", err)
		}
	}
}
