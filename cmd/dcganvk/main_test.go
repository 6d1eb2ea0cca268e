package main

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"dcganvk/train/checkpoint/checkpointtest"
	"dcganvk/train/mnist"
)

// TestMain lets a test run the real command in a child process: the child
// sees DCGANVK_TEST_MAIN=1 and runs main with the arguments it was given.
func TestMain(m *testing.M) {
	if os.Getenv("DCGANVK_TEST_MAIN") == "1" {
		main()
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// runCLI runs dcganvk with args and extra environment variables.
func runCLI(t *testing.T, env []string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(append(os.Environ(), "DCGANVK_TEST_MAIN=1"), env...)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	code = 0
	if exit, ok := err.(*exec.ExitError); ok {
		code = exit.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return out.String(), errOut.String(), code
}

func TestDevicesListsAndMarksTheChosenOne(t *testing.T) {
	out, errOut, code := runCLI(t, nil, "devices")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(out, "* 0") || !strings.Contains(out, "subgroup") {
		t.Fatalf("no chosen device in:\n%s", out)
	}
}

func TestDevicesJSONHoldsLimitsMemoryAndExtensions(t *testing.T) {
	out, errOut, code := runCLI(t, nil, "devices", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var got struct {
		Chosen  int `json:"chosen"`
		Devices []struct {
			Limits struct {
				SharedMemory    uint32 `json:"max_compute_shared_memory_size"`
				TexelElements   uint32 `json:"max_texel_buffer_elements"`
				StorageAlign    uint64 `json:"min_storage_buffer_offset_alignment"`
				TexelAlign      uint64 `json:"min_texel_buffer_offset_alignment"`
				UniformAlign    uint64 `json:"min_uniform_buffer_offset_alignment"`
				NonCoherentAtom uint64 `json:"non_coherent_atom_size"`
			} `json:"limits"`
			MemoryTypes []struct {
				Flags     []string `json:"flags"`
				HeapBytes uint64   `json:"heap_bytes"`
			} `json:"memory_types"`
			NextStep map[string]bool `json:"next_step_extensions"`
			Features *struct {
				SubgroupSizeControl bool `json:"subgroup_size_control"`
			} `json:"features"`
		} `json:"devices"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if got.Chosen < 0 || got.Chosen >= len(got.Devices) {
		t.Fatalf("chosen %d of %d devices", got.Chosen, len(got.Devices))
	}
	d := got.Devices[got.Chosen]
	l := d.Limits
	if l.SharedMemory < 16384 || l.TexelElements < 65536 || l.StorageAlign == 0 || l.TexelAlign == 0 ||
		l.UniformAlign == 0 || l.NonCoherentAtom == 0 {
		t.Errorf("limits missing or below the spec's floors: %+v", l)
	}
	if len(d.MemoryTypes) == 0 || len(d.MemoryTypes[0].Flags) == 0 || d.MemoryTypes[0].HeapBytes == 0 {
		t.Errorf("memory types: %+v", d.MemoryTypes)
	}
	for _, e := range []string{"VK_NV_cooperative_matrix", "VK_KHR_cooperative_matrix", "VK_KHR_shader_float16_int8",
		"VK_KHR_16bit_storage", "VK_EXT_subgroup_size_control"} {
		if _, ok := d.NextStep[e]; !ok {
			t.Errorf("next_step_extensions lacks %s: %v", e, d.NextStep)
		}
	}
	if d.Features == nil {
		t.Error("no features")
	}
}

func TestNoDriverIsAClearErrorNotAPanic(t *testing.T) {
	_, errOut, code := runCLI(t, []string{"VK_ICD_FILENAMES=/nonexistent/icd.json", "VK_DRIVER_FILES=/nonexistent/icd.json"}, "devices")
	if code == 0 {
		t.Fatal("devices succeeded with no Vulkan driver")
	}
	if !strings.Contains(errOut, "mesa-vulkan-drivers") || strings.Contains(errOut, "panic") {
		t.Fatalf("unclear error: %s", errOut)
	}
}

func TestUnknownDeviceIsAnError(t *testing.T) {
	_, errOut, code := runCLI(t, nil, "devices", "--device", "no-such-gpu")
	if code == 0 || !strings.Contains(errOut, "no-such-gpu") {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
}

func TestFlagErrorsPrintOneLine(t *testing.T) {
	out := t.TempDir()
	cases := [][]string{
		{"train", "--epochs", "x"},
		{"train", "--lr", "inf", "--out", out},
		{"--bogus"},
		{"generate", "--png", "x.png"},
		{"interpolate", "--checkpoint", "x", "--from", "1"},
		{"arith", "--expr", "1"},
		{"devices", "--json=maybe"},
	}
	for _, args := range cases {
		stdout, stderr, code := runCLI(t, nil, args...)
		lines := strings.Split(strings.TrimSpace(stdout+stderr), "\n")
		if code != 1 || len(lines) != 1 {
			t.Errorf("%v: exit %d, %d lines:\n%s%s", args, code, len(lines), stdout, stderr)
		}
	}
}

// TestGenerateToStdoutReachesThePipe names standard output by
// /proc/self/fd/1, the target of the /dev/stdout link: code that renames
// over its output fails there instead of replacing the machine's
// /dev/stdout, as it would as root.
func TestGenerateToStdoutReachesThePipe(t *testing.T) {
	ckpt := checkpointtest.Generator(t)
	for flag, magic := range map[string]string{"--png": "\x89PNG", "--npy": "\x93NUMPY"} {
		stdout, stderr, code := runCLI(t, nil, "generate", "--checkpoint", ckpt, "--n", "2", "--cpu-ref", flag, "/proc/self/fd/1")
		if code != 0 || !strings.HasPrefix(stdout, magic) {
			t.Errorf("generate %s to standard output: exit %d, stdout %.20q, stderr %s", flag, code, stdout, stderr)
		}
	}
}

// fakeMNIST writes 8 blank 28x28 images as a gzipped IDX file in a new
// folder and returns the folder.
func fakeMNIST(t *testing.T) string {
	t.Helper()
	var raw bytes.Buffer
	binary.Write(&raw, binary.BigEndian, [4]uint32{0x803, 8, 28, 28})
	raw.Write(make([]byte, 8*28*28))
	dir := t.TempDir()
	f, err := os.Create(filepath.Join(dir, mnist.TrainImagesFile))
	if err != nil {
		t.Fatal(err)
	}
	zw := gzip.NewWriter(f)
	zw.Write(raw.Bytes())
	zw.Close()
	f.Close()
	return dir
}

func TestSecondTrainOnOneOutIsRefused(t *testing.T) {
	data, out := fakeMNIST(t), t.TempDir()
	first := exec.Command(os.Args[0], "train", "--data", data, "--out", out, "--batch", "4", "--epochs", "1000", "--cpu-ref", "--eval-every", "0")
	first.Env = append(os.Environ(), "DCGANVK_TEST_MAIN=1")
	if err := first.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		first.Process.Kill()
		first.Wait()
	}()
	pid := strconv.Itoa(first.Process.Pid)
	for start := time.Now(); ; time.Sleep(20 * time.Millisecond) {
		if held, _ := os.ReadFile(filepath.Join(out, ".dcganvk.lock")); strings.TrimSpace(string(held)) == pid {
			break
		}
		if time.Since(start) > time.Minute {
			t.Fatal("the first train never took the lock")
		}
	}
	for _, resume := range []string{"--resume=false", "--resume"} {
		_, stderr, code := runCLI(t, nil, "train", "--data", data, "--out", out, "--batch", "4", "--epochs", "1", "--seed", "8", resume)
		if code != 1 || !strings.Contains(stderr, "PID "+pid) {
			t.Errorf("train %s beside a running train: exit %d, %s", resume, code, stderr)
		}
	}
}
