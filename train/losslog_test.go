package train

import (
	"os"
	"path/filepath"
	"testing"
)

func TestLossLogResumeDropsRowsAfterTheCheckpoint(t *testing.T) {
	path := filepath.Join(t.TempDir(), "losses.csv")
	l, err := OpenLossLog(path, false, 0)
	if err != nil {
		t.Fatal(err)
	}
	for step := 1; step <= 5; step++ {
		if err := l.Add(LossRow{Step: step, Epoch: 1, GenLoss: 0.1 * float32(step), DiscLoss: 1.3, ImagesPerSec: 100}); err != nil {
			t.Fatal(err)
		}
	}
	l.Close()
	l, err = OpenLossLog(path, true, 3)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	if len(l.Rows) != 3 || l.Rows[2].GenLoss != 0.3 {
		t.Fatalf("kept %+v", l.Rows)
	}
	if err := SaveLossPlot(filepath.Join(filepath.Dir(path), "losses.png"), l.Rows); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(filepath.Join(filepath.Dir(path), "losses.png")); err != nil || fi.Size() == 0 {
		t.Fatalf("plot: %v", err)
	}
}
