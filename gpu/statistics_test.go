package gpu

import (
	"os"
	"strings"
	"testing"

	"dcganvk/shaders"
)

// TestStatisticsOnRADVNullDevice opens RADV's null device to build
// pipelines only: it opens, refuses allocations, builds a kernel with ACO
// and reports the kernel's statistics, VGPRs among them.
func TestStatisticsOnRADVNullDevice(t *testing.T) {
	useRADVNullDevice(t)
	c, err := Open(Options{Validate: os.Getenv("DCGANVK_VALIDATE") != "0", PipelinesOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer func() {
		if err := c.Close(); err != nil {
			t.Error(err)
		}
	}()
	if _, err := c.NewArena().NewBuffer(4); err == nil || !strings.Contains(err.Error(), "pipelines only") {
		t.Errorf("allocating: want an error saying the device builds pipelines only, got %v", err)
	}
	if !c.CapturesStatistics() {
		t.Fatal("RADV offers VK_KHR_pipeline_executable_properties, yet the device captures no statistics")
	}
	k, err := c.Pipeline(PipelineSpec{Shader: "matmul", Constants: shaders.Matmul{M: 1, N: 1, K: 1, Tm: 1}})
	if err != nil {
		t.Fatal(err)
	}
	exes, err := c.Statistics(k)
	if err != nil {
		t.Fatal(err)
	}
	if len(exes) != 1 {
		t.Fatalf("a compute pipeline has %d executables, want 1", len(exes))
	}
	var vgprs float64
	for _, s := range exes[0].Statistics {
		if s.Name == "VGPRs" {
			vgprs = s.Number()
		}
	}
	if vgprs < 1 || vgprs > 256 {
		t.Errorf("VGPRs %v, want 1 to 256; statistics %+v", vgprs, exes[0].Statistics)
	}
}

// TestNoStatisticsWithoutPipelinesOnly checks that a device opened to run
// kernels captures no statistics and says so when asked.
func TestNoStatisticsWithoutPipelinesOnly(t *testing.T) {
	c := openTest(t, false)
	k, err := c.Pipeline(PipelineSpec{Shader: "matmul", Constants: shaders.Matmul{M: 1, N: 1, K: 1, Tm: 1}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Statistics(k); c.CapturesStatistics() || err == nil {
		t.Errorf("captures statistics %v, Statistics error %v", c.CapturesStatistics(), err)
	}
}
