package main

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

	"dcganvk/gpu"
)

// pipelinesJSON is the part of `pipelines --json` the tests read.
type pipelinesJSON struct {
	Statistics bool `json:"statistics"`
	Kernels    []struct {
		Plan        string           `json:"plan"`
		Kernel      string           `json:"kernel"`
		Executables []gpu.Executable `json:"executables"`
	} `json:"kernels"`
}

// runPipelinesJSON runs `pipelines --json` with the environment env and
// returns its kernels by plan.
func runPipelinesJSON(t *testing.T, env []string, args ...string) (pipelinesJSON, map[string][]string) {
	t.Helper()
	out, errOut, code := runCLI(t, env, append([]string{"pipelines", "--batch", "4", "--json"}, args...)...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var rep pipelinesJSON
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("%v in %s", err, out)
	}
	byPlan := map[string][]string{}
	for _, k := range rep.Kernels {
		byPlan[k.Plan] = append(byPlan[k.Plan], k.Kernel)
	}
	return rep, byPlan
}

// TestPipelinesListsEveryKernelOfEachPlan builds the pipelines on the test
// device (lavapipe, which reports no statistics) at its variants and at
// the GPU's, and finds each plan's characteristic kernels.
func TestPipelinesListsEveryKernelOfEachPlan(t *testing.T) {
	want := map[string]map[string][]string{
		"": {
			"step":    {"random_normal", "gather_images", "winograd_gemm_texel", "conv2d_bwd_filter_texel", "adam", "bce_logits"},
			"sampler": {"batchnorm_normalize", "winograd_gemm_texel", "conv2d_bwd_input_texel", "tanh_fwd"},
			"judge":   {"conv2d_fwd_texel", "leaky_relu_fwd", "matmul_texel"},
		},
		"conv=tiled,filter=splitk,reduce=twostage,matvec=rows,winograd=off": {
			"step":    {"conv_gemm", "conv_split_sum", "column_parts", "matvec_rows", "adam"},
			"sampler": {"conv_gemm", "batchnorm_normalize", "tanh_fwd"},
			"judge":   {"conv_gemm"},
		},
	}
	for kernels, plans := range want {
		_, got := runPipelinesJSON(t, []string{"DCGANVK_KERNELS=" + kernels})
		for plan, names := range plans {
			for _, name := range names {
				if !strings.Contains(" "+strings.Join(got[plan], " ")+" ", " "+name+" ") {
					t.Errorf("--kernels %q: %s has no %s in %v", kernels, plan, name, got[plan])
				}
			}
		}
	}
}

// TestPipelinesFailOnSpillWithoutStatistics checks that --fail-on-spill
// refuses to pass where the driver reports no statistics.
func TestPipelinesFailOnSpillWithoutStatistics(t *testing.T) {
	if rep, _ := runPipelinesJSON(t, nil); rep.Statistics {
		t.Skip("the test device reports pipeline statistics")
	}
	_, errOut, code := runCLI(t, nil, "pipelines", "--batch", "4", "--fail-on-spill")
	if code == 0 || !strings.Contains(errOut, "no pipeline statistics") {
		t.Errorf("exit %d: %s", code, errOut)
	}
}

// TestPipelinesOnRADVNullDevice builds every pipeline with AMD's compiler
// on RADV's null device and reads each one's registers.
func TestPipelinesOnRADVNullDevice(t *testing.T) {
	const icd = "/usr/share/vulkan/icd.d/radeon_icd.x86_64.json"
	if _, err := os.Stat(icd); err != nil {
		t.Skipf("RADV is not installed (%v): apt-get install mesa-vulkan-drivers", err)
	}
	rep, byPlan := runPipelinesJSON(t, []string{"VK_DRIVER_FILES=" + icd, "RADV_FORCE_FAMILY=navi21"})
	if !rep.Statistics || len(byPlan["step"]) < 20 || len(byPlan["sampler"]) == 0 || len(byPlan["judge"]) == 0 {
		t.Fatalf("statistics %v, kernels by plan %v", rep.Statistics, byPlan)
	}
	for _, k := range rep.Kernels {
		if len(k.Executables) != 1 || !strings.Contains(statisticNames(k.Executables[0]), "|VGPRs|") {
			t.Errorf("%s %s: executables %+v", k.Plan, k.Kernel, k.Executables)
		}
	}
}

func statisticNames(e gpu.Executable) string {
	names := "|"
	for _, s := range e.Statistics {
		names += s.Name + "|"
	}
	return names
}

func TestSpillsReadsSpillAndScratchStatistics(t *testing.T) {
	exe := func(stats ...gpu.Statistic) []gpu.Executable { return []gpu.Executable{{Statistics: stats}} }
	cases := []struct {
		exes []gpu.Executable
		want bool
	}{
		{exe(gpu.Statistic{Name: "VGPRs", Value: uint64(256)}, gpu.Statistic{Name: "Spilled VGPRs", Value: uint64(0)}), false},
		{exe(gpu.Statistic{Name: "Spilled SGPRs", Value: uint64(3)}), true},
		{exe(gpu.Statistic{Name: "Scratch size", Value: uint64(1024)}), true},
		{exe(gpu.Statistic{Name: "Scratch Memory Size", Value: int64(0)}), false},
		{nil, false},
	}
	for _, c := range cases {
		if got := spills(c.exes); got != c.want {
			t.Errorf("spills(%+v) = %v, want %v", c.exes, got, c.want)
		}
	}
}
