package gpu

import (
	"dcganvk/shaders"
	"math"
	"os"
	"strings"
	"testing"

	vk "github.com/vulkan-go/vulkan"
)

// openTest opens the device with validation on (unless DCGANVK_VALIDATE=0)
// and fails the test on any validation message at close.
func openTest(t testing.TB, staging bool) *Device {
	t.Helper()
	opts := Options{Device: os.Getenv("DCGANVK_DEVICE"), Validate: os.Getenv("DCGANVK_VALIDATE") != "0", Staging: staging}
	c, err := Open(opts)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() {
		if err := c.Close(); err != nil {
			t.Error(err)
		}
	})
	return c
}

func TestChoosePrefersDiscreteThenIntegratedThenCPU(t *testing.T) {
	devs := []DeviceInfo{
		{Index: 0, Name: "llvmpipe (LLVM 15)", Type: CPU},
		{Index: 1, Name: "Intel UHD", Type: Integrated},
		{Index: 2, Name: "NVIDIA H100", Type: Discrete},
	}
	cases := []struct {
		selector string
		want     int
	}{{"", 2}, {"1", 1}, {"llvm", 0}, {"nvidia", 2}}
	for _, c := range cases {
		got, err := Choose(devs, c.selector)
		if err != nil || got != c.want {
			t.Errorf("Choose(%q) = %d, %v; want %d", c.selector, got, err, c.want)
		}
	}
	if got, _ := Choose(devs[:2], ""); got != 1 {
		t.Errorf("without a discrete GPU chose %d, want the integrated one", got)
	}
	for _, bad := range []string{"3", "-1", "radeon"} {
		if _, err := Choose(devs, bad); err == nil {
			t.Errorf("Choose(%q) accepted a device that does not exist", bad)
		}
	}
	if _, err := Choose(nil, ""); err == nil || !strings.Contains(err.Error(), "mesa-vulkan-drivers") {
		t.Errorf("no devices: want an error naming what to install, got %v", err)
	}
}

func TestErrorsNameTheCallAndResult(t *testing.T) {
	err := check("vkAllocateMemory", vk.ErrorOutOfDeviceMemory)
	if err == nil || err.Error() != "vkAllocateMemory failed: VK_ERROR_OUT_OF_DEVICE_MEMORY" {
		t.Fatalf("got %v", err)
	}
	if check("vkCreateFence", vk.Success) != nil {
		t.Fatal("VK_SUCCESS is not an error")
	}
}

func TestUploadDownloadRoundTrip(t *testing.T) {
	for _, staging := range []bool{false, true} {
		c := openTest(t, staging)
		// Sizes that are not multiples of the alignment, so buffers share blocks at odd offsets.
		arena := c.NewArena()
		var bufs []*Buffer
		var want [][]byte
		for i, n := range []int{3, 1000, 65537, 17} {
			b, err := arena.NewBuffer(uint64(n))
			if err != nil {
				t.Fatal(err)
			}
			data := make([]byte, n)
			for j := range data {
				data[j] = byte(j*7 + i)
			}
			if err := c.Upload(b, data); err != nil {
				t.Fatal(err)
			}
			bufs, want = append(bufs, b), append(want, data)
		}
		for i, b := range bufs {
			got := make([]byte, len(want[i]))
			if err := c.Download(b, got); err != nil {
				t.Fatal(err)
			}
			if string(got) != string(want[i]) {
				t.Errorf("staging=%v: buffer %d came back different", staging, i)
			}
		}
		if err := c.Upload(bufs[0], make([]byte, 4)); err == nil {
			t.Error("an upload larger than the buffer was accepted")
		}
	}
}

// matmul1 is the matmul kernel at 1x1x1: c = a*b.
func matmul1(t *testing.T, c *Device) *Pipeline {
	k, err := c.Pipeline(PipelineSpec{Shader: "matmul", Constants: shaders.Matmul{M: 1, N: 1, K: 1, Tm: 1}})
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// scalar is a buffer of one float in an arena of its own.
func scalar(t *testing.T, c *Device, v float32) *Buffer {
	b, err := c.NewArena().NewBuffer(4)
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Upload(b, Float32Bytes([]float32{v})); err != nil {
		t.Fatal(err)
	}
	return b
}

func read(t *testing.T, c *Device, b *Buffer) float32 {
	v := []float32{0}
	if err := c.Download(b, Float32Bytes(v)); err != nil {
		t.Fatal(err)
	}
	return v[0]
}

// TestRecordingInsertsBarriersOnlyWhereNeeded records a chain of 1x1
// products: independent dispatches must share a barrier-free stretch,
// dependent ones must be separated, and the values must come out right on
// every replay.
func TestRecordingInsertsBarriersOnlyWhereNeeded(t *testing.T) {
	c := openTest(t, false)
	k := matmul1(t, c)
	a, b := scalar(t, c, 2), scalar(t, c, 3)
	x, y, z, w := scalar(t, c, float32(math.NaN())), scalar(t, c, 0), scalar(t, c, 0), scalar(t, c, 0)
	r, err := c.NewRecording(RecordOptions{Timestamps: true})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Destroy()
	steps := []struct {
		in1, in2, out *Buffer
		barrier       int // barriers expected after recording this step
	}{
		{a, b, x, 0}, // x = 6
		{a, a, y, 0}, // y = 4: independent of x
		{x, y, z, 1}, // z = 24: reads x and y, needs a barrier
		{b, b, x, 2}, // x = 9: overwrites what z's dispatch read
		{b, a, w, 2}, // w = 6: independent again
	}
	for i, s := range steps {
		if err := r.Dispatch(k, [3]uint32{1, 1, 1}, []*Buffer{s.in1, s.in2}, []*Buffer{s.out}); err != nil {
			t.Fatal(err)
		}
		if r.Barriers() != s.barrier {
			t.Fatalf("after dispatch %d: %d barriers, want %d", i, r.Barriers(), s.barrier)
		}
	}
	for run := 0; run < 3; run++ {
		if err := r.Run(); err != nil {
			t.Fatal(err)
		}
		for _, want := range []struct {
			buf *Buffer
			v   float32
		}{{x, 9}, {y, 4}, {z, 24}, {w, 6}} {
			if got := read(t, c, want.buf); got != want.v {
				t.Fatalf("run %d: got %v, want %v", run, got, want.v)
			}
		}
	}
	if c.Info.Timestamps {
		timings, err := r.Timings()
		if err != nil {
			t.Fatal(err)
		}
		if len(timings) != len(steps) || !strings.HasPrefix(timings[0].Kernel, "matmul{M:1 N:1 K:1 ") {
			t.Fatalf("timings: %+v", timings)
		}
	}
}

func TestDispatchRejectsWrongBindings(t *testing.T) {
	c := openTest(t, false)
	k := matmul1(t, c)
	a := scalar(t, c, 1)
	r, err := c.NewRecording(RecordOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Destroy()
	if err := r.Dispatch(k, [3]uint32{1, 1, 1}, []*Buffer{a}, []*Buffer{a}); err == nil {
		t.Fatal("a dispatch with 2 of 3 bindings was accepted")
	}
	if err := r.Dispatch(k, [3]uint32{0, 1, 1}, []*Buffer{a, a}, []*Buffer{a}); err == nil {
		t.Fatal("a dispatch of zero workgroups was accepted")
	}
}

func TestUnknownShaderIsAnError(t *testing.T) {
	c := openTest(t, false)
	if _, err := c.Pipeline(PipelineSpec{Shader: "no_such_kernel", Constants: shaders.Matmul{}}); err == nil {
		t.Fatal("an unknown shader built")
	}
}

func TestConstantsOfAnotherSourceAreAnError(t *testing.T) {
	c := openTest(t, false)
	_, err := c.Pipeline(PipelineSpec{Shader: "matmul_texel", Constants: shaders.Conv2dFwd{}})
	if err == nil || !strings.Contains(err.Error(), "matmul.comp") {
		t.Fatalf("conv2d_fwd's constants built matmul_texel: %v", err)
	}
}

// TestCloseReportsLeakedObjects leaves a recording alive: the validation
// layer must name the objects left when the device is destroyed.
func TestCloseReportsLeakedObjects(t *testing.T) {
	if os.Getenv("DCGANVK_VALIDATE") == "0" {
		t.Skip("validation turned off")
	}
	c, err := Open(Options{Validate: true})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.NewRecording(RecordOptions{}); err != nil {
		t.Fatal(err)
	}
	err = c.Close()
	if err == nil || !strings.Contains(err.Error(), "VkFence") {
		t.Fatalf("a leaked fence went unreported: %v", err)
	}
}
