package train

import (
	"bytes"
	"context"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"dcganvk/gpu/gputest"
	"dcganvk/train/checkpoint"
	"dcganvk/train/checkpoint/checkpointtest"
	"dcganvk/train/eval"
	"dcganvk/train/eval/evaltest"
	"dcganvk/train/latent"
)

// TestEvalEveryScoresAsEvalDoes trains 3 epochs with --eval-every 2 on a
// small labelled set and a judge of initial weights: epochs 2 and 3 (the
// last) are scored in run.json, the log and quality.png, epoch 3's scores
// are exactly what `dcganvk eval` gives for its checkpoint, and the losses
// are the bits of the same run without evaluation.
func TestEvalEveryScoresAsEvalDoes(t *testing.T) {
	data := evaltest.LabelledMNIST(t, 14, 30)
	evaltest.RandomJudge(t, filepath.Join(data, eval.JudgeFile))
	cfg := quickConfig(t, data)
	cfg.Epochs, cfg.EvalEvery, cfg.EvalSamples = 3, 2, 7
	var log bytes.Buffer
	if err := Run(context.Background(), cfg, &log); err != nil {
		t.Fatalf("%v\n%s", err, log.String())
	}
	rec, err := loadRunRecord(filepath.Join(cfg.OutDir, "run.json"))
	if err != nil || rec == nil || len(rec.Epochs) != 3 {
		t.Fatalf("run.json: %+v, %v", rec, err)
	}
	for i, want := range []bool{false, true, true} {
		if got := rec.Epochs[i].Quality != nil; got != want {
			t.Errorf("epoch %d scored: %v, want %v", i+1, got, want)
		}
	}
	if !strings.Contains(log.String(), "epoch 3: FID ") || strings.Contains(log.String(), "epoch 1: FID ") {
		t.Errorf("log:\n%s\nwant scores for epochs 2 and 3 only", log.String())
	}
	if info, err := os.Stat(filepath.Join(cfg.OutDir, QualityPlotName)); err != nil || info.Size() == 0 {
		t.Errorf("%s: %v", QualityPlotName, err)
	}
	rep, err := eval.Run(eval.Config{Checkpoint: filepath.Join(cfg.OutDir, checkpoint.Name(3)), N: 7, DataDir: data, GPU: cfg.GPU},
		&bytes.Buffer{})
	if err != nil {
		t.Fatal(err)
	}
	got := rec.Epochs[2].Quality
	if got.FID != rep.FID || got.FIDFloor != rep.FIDFloor || !slices.Equal(got.Generated.Shares, rep.Generated.Shares) ||
		got.Generated.Score != rep.Generated.Score {
		t.Errorf("training scored epoch 3 as %+v; eval scores its checkpoint %+v", got, rep.Quality)
	}
	plain := cfg
	plain.EvalEvery, plain.OutDir = 0, t.TempDir()
	if err := Run(context.Background(), plain, &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	if lossColumns(t, plain.OutDir) != lossColumns(t, cfg.OutDir) {
		t.Error("evaluation changed the run's losses")
	}
}

// TestEvalImagesScoresAsTheCheckpoint: the images `generate --npy` writes,
// scored through --images, score as the checkpoint that drew them.
func TestEvalImagesScoresAsTheCheckpoint(t *testing.T) {
	data := evaltest.LabelledMNIST(t, 1, 30)
	evaltest.RandomJudge(t, filepath.Join(data, eval.JudgeFile))
	src := latent.Source{Checkpoint: checkpointtest.Generator(t), GPU: gputest.Options()}
	npy := filepath.Join(t.TempDir(), "samples.npy")
	if err := latent.Generate(latent.GenerateConfig{Source: src, N: 9, NPY: npy}, &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	fromCheckpoint, err := eval.Run(eval.Config{Checkpoint: src.Checkpoint, N: 9, DataDir: data, GPU: src.GPU}, &bytes.Buffer{})
	if err != nil {
		t.Fatal(err)
	}
	fromImages, err := eval.Run(eval.Config{Images: npy, DataDir: data, GPU: src.GPU}, &bytes.Buffer{})
	if err != nil {
		t.Fatal(err)
	}
	// generate draws at its own batch; the kernels may round otherwise.
	if fromImages.N != 9 || math.Abs(fromImages.FID-fromCheckpoint.FID) > 1e-4*math.Max(1, fromCheckpoint.FID) ||
		!slices.Equal(fromImages.Generated.Shares, fromCheckpoint.Generated.Shares) {
		t.Errorf("images: n %d FID %g shares %v; checkpoint: FID %g shares %v", fromImages.N, fromImages.FID,
			fromImages.Generated.Shares, fromCheckpoint.FID, fromCheckpoint.Generated.Shares)
	}
	var table bytes.Buffer
	fromImages.WriteTable(&table)
	if !strings.HasPrefix(table.String(), npy+": 9 images on ") {
		t.Errorf("table:\n%s", table.String())
	}
}

func TestDiscAlarmOnlyWhenTheWholeEpochIsNearZero(t *testing.T) {
	if line := discAlarm(4, 0.049); !strings.Contains(line, "collapse alarm") || !strings.Contains(line, "epoch 4") {
		t.Errorf("D loss at most 0.049: %q, want the alarm for epoch 4", line)
	}
	for _, highest := range []float32{DiscLossAlarm, 0.7} {
		if line := discAlarm(4, highest); line != "" {
			t.Errorf("D loss up to %g: %q, want no alarm", highest, line)
		}
	}
}
