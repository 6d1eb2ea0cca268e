package train

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestLossLogResumeDropsRowsAfterTheCheckpoint(t *testing.T) {
	path := filepath.Join(t.TempDir(), "losses.csv")
	l, err := OpenLossLog(path, false, 0, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	for step := 1; step <= 5; step++ {
		if err := l.Add(LossRow{Step: step, Epoch: 1, GenLoss: 0.1 * float32(step), DiscLoss: 1.3, ImagesPerSec: 100}); err != nil {
			t.Fatal(err)
		}
	}
	l.Close()
	l, err = OpenLossLog(path, true, 3, io.Discard)
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

func TestLossLogResumesOverTornRows(t *testing.T) {
	path := filepath.Join(t.TempDir(), "losses.csv")
	l, err := OpenLossLog(path, false, 0, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	for step := 1; step <= 4; step++ {
		l.Add(LossRow{Step: step, Epoch: 1, GenLoss: 0.5, DiscLoss: 1.25, ImagesPerSec: 10})
	}
	l.Close()
	f, _ := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	f.WriteString("5,1,0.69\n6,\"1,0.7\n7,1,0.71,1.3,10.0\x00\x00\x00\n\x00\x00\x00\x00\x00")
	f.Close()
	var log bytes.Buffer
	l, err = OpenLossLog(path, true, 4, &log)
	if err != nil {
		t.Fatalf("torn rows block the resume: %v", err)
	}
	defer l.Close()
	if len(l.Rows) != 4 || l.Rows[3].Step != 4 || log.Len() != 0 {
		t.Fatalf("kept %+v, said %q", l.Rows, log.String())
	}
}

func TestLossLogSaysWhenStepsAreMissing(t *testing.T) {
	path := filepath.Join(t.TempDir(), "losses.csv")
	var log bytes.Buffer
	l, err := OpenLossLog(path, true, 6, &log)
	if err != nil {
		t.Fatal(err)
	}
	l.Close()
	if !strings.Contains(log.String(), "0 of the 6 steps") {
		t.Fatalf("a deleted losses.csv resumed silently: %q", log.String())
	}
}
