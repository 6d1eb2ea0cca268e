package main

import (
	"bytes"
	"os"
	"os/exec"
	"strings"
	"testing"
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
