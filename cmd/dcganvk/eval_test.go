package main

import (
	"strings"
	"testing"
)

// TestEvalBadInputIsOneLineError: a bad --n and a missing checkpoint each
// give one line on stderr and a non-zero exit, before any device work.
func TestEvalBadInputIsOneLineError(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"eval", "--checkpoint", "x.safetensors", "--n", "1"}, "--n 1: need 2 to 60000"},
		{[]string{"eval", "--checkpoint", "/nonexistent/ckpt-0001.safetensors"}, "no such file"},
		{[]string{"judge", "train", "--epochs", "0"}, "--epochs 0"},
	} {
		_, errOut, code := runCLI(t, nil, c.args...)
		if code == 0 || !strings.Contains(errOut, c.want) || strings.Count(strings.TrimSpace(errOut), "\n") != 0 {
			t.Errorf("%v: exit %d, stderr %q: want one line saying %q", c.args, code, errOut, c.want)
		}
	}
}
