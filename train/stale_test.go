package train

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestStaleTempFilesAreRemovedAtStart(t *testing.T) {
	cfg := quickConfig(t, fakeMNIST(t, 14))
	cfg.Epochs = 1
	stale := []string{".ckpt-0004.safetensors.tmp123", ".dcgan.gif.tmp9", ".run.json.tmp77", ".losses.csv.tmp5", ".write-test42"}
	kept := []string{"notes.tmp1", ".hidden"}
	for _, name := range append(append([]string{}, stale...), kept...) {
		write(t, cfg.OutDir, name, []byte("x"))
	}
	var log bytes.Buffer
	if err := Run(context.Background(), cfg, &log); err != nil {
		t.Fatal(err)
	}
	for _, name := range stale {
		if _, err := os.Stat(filepath.Join(cfg.OutDir, name)); err == nil {
			t.Errorf("%s is still there", name)
		}
	}
	for _, name := range kept {
		if _, err := os.Stat(filepath.Join(cfg.OutDir, name)); err != nil {
			t.Errorf("%s was removed: %v", name, err)
		}
	}
	if !strings.Contains(log.String(), "removed 5 temporary files") {
		t.Errorf("the removal was not reported:\n%s", log.String())
	}
}
