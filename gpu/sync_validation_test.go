package gpu

import (
	"os"
	"strings"
	"testing"

	"dcganvk/shaders"
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
	if gpuAssisted() {
		// Checked with Debian's layer (1.3.239), which make test uses: the
		// newer one that make test-gpuav loads reports no hazard here.
		t.Skip("GPU-assisted run: the hazard test runs without DCGANVK_GPUAV")
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
		expectReport(t, c, r, dropBarrier, "SYNC-HAZARD-READ")
	}
}

// expectReport runs r, closes its device c and holds the validation
// layer's report to the case: nothing for the sound recording, a message
// containing want for the broken one.
func expectReport(t *testing.T, c *Device, r *Recording, broken bool, want string) {
	t.Helper()
	if err := r.Run(); err != nil {
		t.Fatal(err)
	}
	r.Destroy()
	err := c.Close()
	switch {
	case !broken && err != nil:
		t.Errorf("sound recording: %v", err)
	case broken && (err == nil || !strings.Contains(err.Error(), want)):
		t.Errorf("broken recording: the layer reported no %q: %v", want, err)
	}
}

// TestGPUAssistedValidationCatchesAnOutOfBoundsRead binds a 1x4 by 4x1
// product to one-float inputs, so that the shader reads past their ends:
// GPU-assisted validation (DCGANVK_GPUAV=1) must report it. The same
// product over inputs of the right size must report nothing.
func TestGPUAssistedValidationCatchesAnOutOfBoundsRead(t *testing.T) {
	if os.Getenv("DCGANVK_VALIDATE") == "0" || !gpuAssisted() {
		t.Skip("needs GPU-assisted validation: DCGANVK_GPUAV=1 with a layer that has it (make test-gpuav)")
	}
	for _, short := range []bool{false, true} {
		c, err := Open(Options{Device: os.Getenv("DCGANVK_DEVICE"), Validate: true})
		if err != nil {
			t.Fatal(err)
		}
		k, err := c.Pipeline(PipelineSpec{Shader: "matmul", Constants: shaders.Matmul{M: 1, N: 1, K: 4, Tm: 1}})
		if err != nil {
			t.Fatal(err)
		}
		size := uint64(16)
		if short {
			size = 4
		}
		arena := c.NewArena()
		var ins []*Buffer
		for range 2 {
			b, err := arena.NewBuffer(size)
			if err != nil {
				t.Fatal(err)
			}
			if err := c.Upload(b, make([]byte, size)); err != nil {
				t.Fatal(err)
			}
			ins = append(ins, b)
		}
		out := scalar(t, c, 0)
		r, err := c.NewRecording(RecordOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if err := r.Dispatch(k, [3]uint32{1, 1, 1}, ins, []*Buffer{out}); err != nil {
			t.Fatal(err)
		}
		expectReport(t, c, r, short, "out of bounds")
	}
}
