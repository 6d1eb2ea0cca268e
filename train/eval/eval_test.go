package eval

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dcganvk/gpu/gputest"
	"dcganvk/internal/filetest"
	"dcganvk/train/checkpoint/checkpointtest"
	"dcganvk/train/eval/evaltest"
)

// TestJudgeBelowTheBarIsNotSaved trains a judge on random labels, which it
// cannot learn: the error says so and the cache file is left as it was.
func TestJudgeBelowTheBarIsNotSaved(t *testing.T) {
	dir := evaltest.LabelledMNIST(t, 40, 20)
	cfg := JudgeConfig{DataDir: dir, Seed: 2, Epochs: 1, Batch: 8, LR: 1e-3, GPU: gputest.Options()}
	old := []byte("the previous judge")
	filetest.Write(t, dir, JudgeFile, old)
	var log bytes.Buffer
	rep, err := TrainJudge(cfg, &log)
	if err == nil || !strings.Contains(err.Error(), "below its bar") || rep == nil || rep.Steps != 5 {
		t.Fatalf("report %+v error %v: want 5 steps and an accuracy below its bar", rep, err)
	}
	if got, _ := os.ReadFile(cfg.JudgePath()); !bytes.Equal(got, old) {
		t.Errorf("the cache was replaced by a judge below the bar")
	}
	if !strings.Contains(log.String(), "of the 20 test images right") || !strings.Contains(log.String(), "its bar is") {
		t.Errorf("no accuracy in the log:\n%s", log.String())
	}
}

// TestEvalScoresSamples scores samples of Keras' initial generator with a
// judge of initial weights on a small test set: every figure is in its
// range, and the shares count exactly the 7 samples (not the blank images
// that pad the last batch).
func TestEvalScoresSamples(t *testing.T) {
	dir := evaltest.LabelledMNIST(t, 1, 30)
	evaltest.RandomJudge(t, filepath.Join(dir, JudgeFile))
	ckpt := checkpointtest.Generator(t)
	cfg := Config{Checkpoint: ckpt, N: 7, DataDir: dir, GPU: gputest.Options()}
	rep, err := Run(cfg, &bytes.Buffer{})
	if err != nil {
		t.Fatal(err)
	}
	if rep.N != 7 || rep.Seed != 5 || math.IsNaN(rep.FID) || rep.FID < -1e-6 || math.IsNaN(rep.FIDFloor) || rep.FIDFloor < -1e-6 {
		t.Errorf("n %d seed %d FID %g floor %g: want 7, the checkpoint's seed 5, and distances >= 0", rep.N, rep.Seed, rep.FID, rep.FIDFloor)
	}
	for name, score := range map[string]float64{"samples": rep.Generated.Score, "test": rep.Real.Score} {
		if score < 1-1e-9 || score > 10 {
			t.Errorf("%s: classifier score %g outside [1, 10]", name, score)
		}
	}
	var sum float64
	for _, s := range rep.Generated.Shares {
		sum += s * 7
		if s*7 != math.Round(s*7) {
			t.Errorf("share %g is not a count of 7 samples", s)
		}
	}
	if sum != 7 || rep.Generated.Coverage < 1 {
		t.Errorf("shares %v cover %d samples in %d digits", rep.Generated.Shares, int(sum), rep.Generated.Coverage)
	}
	var table bytes.Buffer
	rep.WriteTable(&table)
	if !strings.Contains(table.String(), "FID (judge features)") || !strings.Contains(table.String(), "share of digit 9") {
		t.Errorf("table:\n%s", table.String())
	}
}

// TestEvalTrainsTheJudgeOnFirstUse: with no cached judge, eval trains one
// with the defaults first; on random labels it falls short of the bar, so
// eval stops with that error and caches nothing.
func TestEvalTrainsTheJudgeOnFirstUse(t *testing.T) {
	dir := evaltest.LabelledMNIST(t, DefaultJudgeConfig().Batch, 20)
	ckpt := checkpointtest.Generator(t)
	var log bytes.Buffer
	_, err := Run(Config{Checkpoint: ckpt, N: 7, DataDir: dir, GPU: gputest.Options()}, &log)
	if err == nil || !strings.Contains(err.Error(), "below its bar") || !strings.Contains(log.String(), "training it once") {
		t.Fatalf("error %v, log:\n%s\nwant the judge trained first and refused", err, log.String())
	}
	if _, err := os.Stat(filepath.Join(dir, JudgeFile)); err == nil {
		t.Error("a judge below the bar was cached")
	}
}
