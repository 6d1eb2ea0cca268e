package train

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

func TestSecondRunOnOneOutIsRefusedWithTheFirstsPID(t *testing.T) {
	cfg := quickConfig(t, fakeMNIST(t, 14))
	first, err := lockOut(cfg.OutDir)
	if err != nil {
		t.Fatal(err)
	}
	for _, resume := range []bool{false, true} {
		cfg.Resume = resume
		err := Run(context.Background(), cfg, &bytes.Buffer{})
		if err == nil || !strings.Contains(err.Error(), "PID "+strconv.Itoa(os.Getpid())) {
			t.Errorf("resume %v beside a running train: %v", resume, err)
		}
	}
	if _, err := os.Stat(filepath.Join(cfg.OutDir, "losses.csv")); err == nil {
		t.Error("the refused run wrote losses.csv")
	}
	if err := first.release(); err != nil {
		t.Fatal(err)
	}
	second, err := lockOut(cfg.OutDir)
	if err != nil {
		t.Fatalf("after the first let go: %v", err)
	}
	second.release()
}
