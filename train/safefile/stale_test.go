package safefile

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dcganvk/internal/filetest"
)

// staleTemps are temporary files that writes cut short by a kill leave.
var staleTemps = []string{".ckpt-0004.safetensors.tmp123", ".dcgan.gif.tmp9", ".run.json.tmp77", ".losses.csv.tmp5", ".write-test42"}

func TestStaleTempFilesAreRemoved(t *testing.T) {
	dir := t.TempDir()
	kept := []string{"notes.tmp1", ".hidden", "ckpt-0001.safetensors"}
	for _, name := range append(append([]string{}, staleTemps...), kept...) {
		filetest.Write(t, dir, name, []byte("x"))
	}
	var log bytes.Buffer
	if err := RemoveStale(dir, &log); err != nil {
		t.Fatal(err)
	}
	for _, name := range staleTemps {
		if _, err := os.Stat(filepath.Join(dir, name)); err == nil {
			t.Errorf("%s is still there", name)
		}
	}
	for _, name := range kept {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			t.Errorf("%s was removed: %v", name, err)
		}
	}
	if !strings.Contains(log.String(), "removed 5 temporary files") {
		t.Errorf("the removal was not reported: %q", log.String())
	}
}
