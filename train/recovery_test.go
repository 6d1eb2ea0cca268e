package train

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"dcganvk/internal/filetest"
	"dcganvk/train/checkpoint"
	"dcganvk/train/imageio/imageiotest"
)

// checkpointMeta reads a checkpoint's metadata.
func checkpointMeta(t *testing.T, path string) map[string]string {
	t.Helper()
	ck, err := checkpoint.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	return ck.Metadata
}

func TestInterruptAtEpochEndSavesThatEpoch(t *testing.T) {
	data := fakeMNIST(t, 14)
	cut := quickConfig(t, data)
	cut.CheckpointEvery = 15
	ctx, cancel := context.WithCancel(context.Background())
	w := &onLine{marker: "Time for epoch 1", do: cancel}
	if err := Run(ctx, cut, w); !errors.Is(err, ErrInterrupted) {
		t.Fatalf("want ErrInterrupted, got %v\n%s", err, w.log.String())
	}
	if _, err := os.Stat(filepath.Join(cut.OutDir, checkpoint.Name(2))); err == nil {
		t.Error("epoch 1's state was saved as ckpt-0002")
	}
	if meta := checkpointMeta(t, filepath.Join(cut.OutDir, checkpoint.Name(1))); meta["epoch"] != "1" || meta["batches_done"] != "3" {
		t.Errorf("ckpt-0001 metadata %v", meta)
	}
	for _, want := range []string{"--epochs 2", "--data " + data, "--checkpoint-every 15", "--out " + cut.OutDir} {
		if !strings.Contains(w.log.String(), want) {
			t.Errorf("the resume hint lacks %q:\n%s", want, w.log.String())
		}
	}
	cut.Resume = true
	w.log.Reset()
	if err := Run(context.Background(), cut, &w.log); err != nil || !strings.Contains(w.log.String(), "epochs 2 to 2") {
		t.Fatalf("resuming: %v\n%s", err, w.log.String())
	}
}

func TestFinishedRunHasNoMidEpochCheckpoint(t *testing.T) {
	cfg := quickConfig(t, fakeMNIST(t, 14))
	cfg.CheckpointEvery = 15
	ctx, cancel := context.WithCancel(context.Background())
	w := &onLine{marker: "epoch 1 step 1/3", do: cancel}
	if err := Run(ctx, cfg, w); !errors.Is(err, ErrInterrupted) {
		t.Fatalf("want ErrInterrupted, got %v\n%s", err, w.log.String())
	}
	cfg.Resume = true
	mustRun(t, cfg)
	paths, _ := filepath.Glob(filepath.Join(cfg.OutDir, "ckpt-*.safetensors"))
	for _, path := range paths {
		if meta := checkpointMeta(t, path); meta["batches_done"] != "3" {
			t.Errorf("%s stands in the middle of its epoch: %v", filepath.Base(path), meta)
		}
	}
}

func TestResumeRefusesOutOfRangeMetadata(t *testing.T) {
	cfg := quickConfig(t, fakeMNIST(t, 14))
	cfg.Epochs = 1
	mustRun(t, cfg)
	path := filepath.Join(cfg.OutDir, checkpoint.Name(1))
	good, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	// The run has 3 batches an epoch; the checkpoint stands at epoch 1,
	// batch 3, step 3.
	cases := []map[string]string{
		{"batches_done": "-1"}, {"batches_done": "4"}, {"epoch": "-3"}, {"epoch": "0"},
		{"step": "999"}, {"step": "-1"}, {"epoch": "9999999999"}, {"epoch": "three"},
	}
	cfg.Resume, cfg.Epochs = true, 3
	for _, change := range cases {
		ck, err := checkpoint.Load(path)
		if err != nil {
			t.Fatal(err)
		}
		for k, v := range change {
			ck.Metadata[k] = v
		}
		if err := checkpoint.Save(path, ck); err != nil {
			t.Fatal(err)
		}
		err = Run(context.Background(), cfg, &bytes.Buffer{})
		for k := range change {
			if err == nil || !strings.Contains(err.Error(), k) {
				t.Errorf("%v: %v", change, err)
			}
		}
		os.WriteFile(path, good, 0o644)
	}
}

func TestNonFiniteWeightsAreNeverCheckpointed(t *testing.T) {
	cfg := quickConfig(t, fakeMNIST(t, 14))
	cfg.LR = 1e10 // the loss stays finite a while; the weights do not
	cfg.Epochs = 3
	err := Run(context.Background(), cfg, &bytes.Buffer{})
	if err == nil || !strings.Contains(err.Error(), "NaN or infinite") || !strings.Contains(err.Error(), "nothing was saved") {
		t.Fatalf("a run whose weights overflow: %v", err)
	}
	paths, _ := filepath.Glob(filepath.Join(cfg.OutDir, "ckpt-*.safetensors"))
	for _, path := range paths {
		if _, err := checkpoint.Load(path); err != nil {
			t.Errorf("a bad checkpoint was saved: %v", err)
		}
	}
}

// TestResumeAfterAKillBetweenOutputsAndCheckpoint damages a finished
// 2-epoch run as a kill -9 after epoch 2's outputs, before its checkpoint,
// would, with the temporary files of cut writes, a torn grid and a torn
// losses.csv row, and resumes it.
func TestResumeAfterAKillBetweenOutputsAndCheckpoint(t *testing.T) {
	cfg := quickConfig(t, fakeMNIST(t, 14))
	mustRun(t, cfg)
	want := lossColumns(t, cfg.OutDir)
	out := cfg.OutDir
	os.Remove(filepath.Join(out, checkpoint.Name(2)))
	os.WriteFile(filepath.Join(out, EpochImageName(1)), []byte("\x89PNG torn"), 0o644)
	f, _ := os.OpenFile(filepath.Join(out, "losses.csv"), os.O_APPEND|os.O_WRONLY, 0)
	f.WriteString("7,3,0.6\x00\x00")
	f.Close()
	// The temporary files of the writes a kill cuts short.
	stale := []string{".ckpt-0002.safetensors.tmp123", ".dcgan.gif.tmp9", ".run.json.tmp77", ".losses.csv.tmp5", ".write-test42"}
	for _, name := range stale {
		filetest.Write(t, out, name, []byte("x"))
	}

	cfg.Resume = true
	w := &onLine{}
	if err := Run(context.Background(), cfg, w); err != nil {
		t.Fatalf("%v\n%s", err, w.log.String())
	}
	if got := lossColumns(t, out); got != want {
		t.Errorf("losses after the resume:\n%s\nwant\n%s", got, want)
	}
	run, err := loadRunRecord(filepath.Join(out, "run.json"))
	if err != nil {
		t.Fatal(err)
	}
	var epochs []int
	for _, e := range run.Epochs {
		epochs = append(epochs, e.Epoch)
	}
	if !slices.Equal(epochs, []int{1, 2}) {
		t.Errorf("run.json epochs %v, want [1 2]", epochs)
	}
	if !strings.Contains(w.log.String(), "leaves out epoch 1") {
		t.Errorf("no warning about the torn grid:\n%s", w.log.String())
	}
	for _, name := range stale {
		if _, err := os.Stat(filepath.Join(out, name)); err == nil {
			t.Errorf("%s is still there", name)
		}
	}
	if g := imageiotest.ReadGIF(t, filepath.Join(out, gifName)); len(g.Image) != 1 {
		t.Errorf("dcgan.gif has %d frames, want epoch 2's alone", len(g.Image))
	}
	if meta := checkpointMeta(t, filepath.Join(out, checkpoint.Name(2))); meta["step"] != strconv.Itoa(6) {
		t.Errorf("ckpt-0002 metadata %v", meta)
	}
}
