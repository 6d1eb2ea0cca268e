package main

import (
	"strings"
	"testing"
)

// TestEvalBadInputIsOneLineError: a bad --n, a missing input or a bad
// evaluation flag of train each give one line on stderr and a non-zero
// exit, before any device work.
func TestEvalBadInputIsOneLineError(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"eval", "--checkpoint", "x.safetensors", "--n", "1"}, "--n 1: need 2 to 60000"},
		{[]string{"eval", "--checkpoint", "/nonexistent/ckpt-0001.safetensors"}, "no such file"},
		{[]string{"judge", "train", "--epochs", "0"}, "--epochs 0"},
		{[]string{"eval"}, "give either --checkpoint or --images"},
		{[]string{"eval", "--checkpoint", "x.safetensors", "--images", "x.npy"}, "give either --checkpoint or --images"},
		{[]string{"eval", "--images", "/nonexistent/samples.npy"}, "no such file"},
		{[]string{"train", "--eval-every", "-1"}, "--eval-every -1"},
		{[]string{"train", "--eval-samples", "1"}, "--eval-samples 1: need 2 to 60000"},
	} {
		_, errOut, code := runCLI(t, nil, c.args...)
		if code == 0 || !strings.Contains(errOut, c.want) || strings.Count(strings.TrimSpace(errOut), "\n") != 0 {
			t.Errorf("%v: exit %d, stderr %q: want one line saying %q", c.args, code, errOut, c.want)
		}
	}
}
