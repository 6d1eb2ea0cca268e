package main

import (
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestServeAddressInUseIsAnErrorBeforeTraining(t *testing.T) {
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	_, port, _ := net.SplitHostPort(busy.Addr().String())
	out := filepath.Join(t.TempDir(), "run")
	_, errOut, code := runCLI(t, nil, "train", "--out", out, "--serve", port)
	if code == 0 || !strings.Contains(errOut, "address already in use") {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("train made its --out folder though it could not listen")
	}
}

func TestExploreNeedsOneSource(t *testing.T) {
	for _, args := range [][]string{{"explore"}, {"explore", "--checkpoint", "a", "--run", "b"}} {
		if _, errOut, code := runCLI(t, nil, args...); code == 0 || !strings.Contains(errOut, "pass one of --checkpoint and --run") {
			t.Errorf("%v: exit %d: %s", args, code, errOut)
		}
	}
}
