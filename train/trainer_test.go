package train

import (
	"bytes"
	"context"
	"errors"
	"image/gif"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"dcganvk/gpu/gputest"
	"dcganvk/internal/filetest"
	"dcganvk/train/checkpoint"
	"dcganvk/train/imageio"
	"dcganvk/train/latent"
	"dcganvk/train/mnist"
	"dcganvk/train/mnist/mnisttest"
)

// fakeMNIST writes count random 28x28 images as a gzipped IDX file in a new
// folder and returns the folder.
func fakeMNIST(t *testing.T, count int) string {
	t.Helper()
	dir := t.TempDir()
	filetest.Write(t, dir, mnist.TrainImagesFile, mnisttest.Gzip(mnisttest.Images(count, 28, 28)))
	return dir
}

// quickConfig is a run of 3 steps an epoch (14 images, batch 4) under
// validation.
func quickConfig(t *testing.T, data string) Config {
	cfg := DefaultConfig()
	cfg.Epochs, cfg.Batch, cfg.CheckpointEvery, cfg.EvalEvery = 2, 4, 1, 0
	cfg.DataDir, cfg.OutDir = data, t.TempDir()
	cfg.GPU = gputest.Options()
	cfg.Version = "test"
	return cfg
}

// lossColumns returns losses.csv without its timing column: the part that
// must be the same bit for bit from run to run.
func lossColumns(t *testing.T, out string) string {
	t.Helper()
	rows, err := readLossRows(filepath.Join(out, "losses.csv"))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, r := range rows {
		rec := r.record()
		b.WriteString(strings.Join(rec[:4], ",") + "\n")
	}
	return b.String()
}

func mustRun(t *testing.T, cfg Config) {
	t.Helper()
	var log bytes.Buffer
	if err := Run(context.Background(), cfg, &log); err != nil {
		t.Fatalf("%v\n%s", err, log.String())
	}
}

func TestShortRunWritesEveryOutput(t *testing.T) {
	cfg := quickConfig(t, fakeMNIST(t, 14))
	mustRun(t, cfg)
	out := cfg.OutDir
	for _, name := range []string{"image_at_epoch_0001.png", "image_at_epoch_0002.png", "losses.png"} {
		if _, err := imageio.ReadPNG(filepath.Join(out, name)); err != nil {
			t.Error(err)
		}
	}
	f, err := os.Open(filepath.Join(out, "dcgan.gif"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if g, err := gif.DecodeAll(f); err != nil || len(g.Image) != 2 {
		t.Errorf("dcgan.gif: %v", err)
	}
	if rows := strings.Count(lossColumns(t, out), "\n"); rows != 6 {
		t.Errorf("losses.csv has %d rows, want 6 (3 steps x 2 epochs)", rows)
	}
	run, err := loadRunRecord(filepath.Join(out, "run.json"))
	if err != nil || run == nil || len(run.Epochs) != 2 || run.Device == "" {
		t.Errorf("run.json: %+v, %v", run, err)
	}
	for _, epoch := range []int{1, 2} {
		ck, err := checkpoint.Load(filepath.Join(out, checkpoint.Name(epoch)))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := ck.Get("generator/convt1/kernel", []int{5, 5, 128, 256}); err != nil {
			t.Error(err)
		}
		if _, err := ck.Get("optimizer/discriminator/v/dense/kernel", []int{6272, 1}); err != nil {
			t.Error(err)
		}
	}
	ck, _ := checkpoint.Load(filepath.Join(out, checkpoint.Name(2)))
	png := filepath.Join(t.TempDir(), "grid.png")
	npy := filepath.Join(t.TempDir(), "images.npy")
	src := latent.Source{Checkpoint: filepath.Join(out, checkpoint.Name(2)), GPU: cfg.GPU}
	if err := latent.Generate(latent.GenerateConfig{Source: src, N: 5, PNG: png, NPY: npy}, &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	if _, err := imageio.ReadPNG(png); err != nil {
		t.Error(err)
	}
	if ck.Metadata["step"] != "6" || ck.Metadata["epoch"] != "2" {
		t.Errorf("checkpoint metadata %v", ck.Metadata)
	}
}

func TestSameSeedGivesTheSameLosses(t *testing.T) {
	data := fakeMNIST(t, 14)
	a, b := quickConfig(t, data), quickConfig(t, data)
	mustRun(t, a)
	mustRun(t, b)
	if la, lb := lossColumns(t, a.OutDir), lossColumns(t, b.OutDir); la != lb {
		t.Fatalf("two runs of one seed differ:\n%s\n%s", la, lb)
	}
}

func TestResumeAfterAnEpochIsExact(t *testing.T) {
	data := fakeMNIST(t, 14)
	whole := quickConfig(t, data)
	mustRun(t, whole)
	split := quickConfig(t, data)
	split.Epochs = 1
	mustRun(t, split)
	split.Epochs, split.Resume = 2, true
	mustRun(t, split)
	if a, b := lossColumns(t, whole.OutDir), lossColumns(t, split.OutDir); a != b {
		t.Fatalf("a resumed run differs from one that never stopped:\n%s\n%s", a, b)
	}
	var log bytes.Buffer
	if err := Run(context.Background(), split, &log); err != nil || !strings.Contains(log.String(), "already trained to epoch 2") {
		t.Fatalf("resuming a finished run: %v\n%s", err, log.String())
	}
	if a, b := lossColumns(t, whole.OutDir), lossColumns(t, split.OutDir); a != b {
		t.Fatal("resuming a finished run changed its losses")
	}
}

// onLine runs a function once when a line written to it contains a marker.
type onLine struct {
	mu     sync.Mutex
	marker string
	do     func()
	log    bytes.Buffer
}

func (o *onLine) Write(p []byte) (int, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.do != nil && bytes.Contains(p, []byte(o.marker)) {
		o.do()
		o.do = nil
	}
	return o.log.Write(p)
}

func TestInterruptMidEpochSavesAndResumesExactly(t *testing.T) {
	data := fakeMNIST(t, 14)
	whole := quickConfig(t, data)
	mustRun(t, whole)

	cut := quickConfig(t, data)
	ctx, cancel := context.WithCancel(context.Background())
	w := &onLine{marker: "epoch 2 step 1/3", do: cancel}
	err := Run(ctx, cut, w)
	if !errors.Is(err, ErrInterrupted) {
		t.Fatalf("want ErrInterrupted, got %v\n%s", err, w.log.String())
	}
	if !strings.Contains(w.log.String(), "--resume") {
		t.Errorf("no resume hint in:\n%s", w.log.String())
	}
	ck, err := checkpoint.Load(filepath.Join(cut.OutDir, checkpoint.Name(2)))
	if err != nil || ck.Metadata["batches_done"] != "1" {
		t.Fatalf("interrupt checkpoint: %v %v", err, ck)
	}
	cut.Resume = true
	mustRun(t, cut)
	if a, b := lossColumns(t, whole.OutDir), lossColumns(t, cut.OutDir); a != b {
		t.Fatalf("an interrupted, resumed run differs:\n%s\n%s", a, b)
	}
}

func TestBadInputIsAClearError(t *testing.T) {
	data := fakeMNIST(t, 14)
	blocker := filepath.Join(t.TempDir(), "file")
	os.WriteFile(blocker, []byte("x"), 0o644)
	cases := map[string]func(c *Config){
		"--batch 0":         func(c *Config) { c.Batch = 0 },
		"--epochs -1":       func(c *Config) { c.Epochs = -1 },
		"--limit 15":        func(c *Config) { c.Limit = 15 },
		"unwritable --out":  func(c *Config) { c.OutDir = filepath.Join(blocker, "out") },
		"--batch above set": func(c *Config) { c.Batch = 20 },
		"no data":           func(c *Config) { c.DataDir = t.TempDir() },
		"resume with none":  func(c *Config) { c.Resume = true },
	}
	for name, change := range cases {
		cfg := quickConfig(t, data)
		change(&cfg)
		if err := Run(context.Background(), cfg, &bytes.Buffer{}); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

func TestExistingRunIsNotOverwritten(t *testing.T) {
	cfg := quickConfig(t, fakeMNIST(t, 14))
	cfg.Epochs = 1
	mustRun(t, cfg)
	before, _ := os.ReadFile(filepath.Join(cfg.OutDir, "losses.csv"))
	err := Run(context.Background(), cfg, &bytes.Buffer{})
	if err == nil || !strings.Contains(err.Error(), "--resume") {
		t.Fatalf("a second run into the same --out: %v", err)
	}
	after, _ := os.ReadFile(filepath.Join(cfg.OutDir, "losses.csv"))
	if !bytes.Equal(before, after) {
		t.Fatal("losses.csv was overwritten")
	}
}

func TestCorruptCheckpointIsRefusedOnResume(t *testing.T) {
	cfg := quickConfig(t, fakeMNIST(t, 14))
	cfg.Epochs = 1
	mustRun(t, cfg)
	path := filepath.Join(cfg.OutDir, checkpoint.Name(1))
	raw, _ := os.ReadFile(path)
	os.WriteFile(path, raw[:len(raw)/2], 0o644)
	cfg.Epochs, cfg.Resume = 2, true
	if err := Run(context.Background(), cfg, &bytes.Buffer{}); err == nil || !strings.Contains(err.Error(), path) {
		t.Fatalf("resume from a truncated checkpoint: %v", err)
	}
}

func TestNaNLossStopsWithoutSavingTheBadState(t *testing.T) {
	cfg := quickConfig(t, fakeMNIST(t, 14))
	cfg.LR = 1e30 // the first update throws the weights to ±1e30
	err := Run(context.Background(), cfg, &bytes.Buffer{})
	if err == nil || !strings.Contains(err.Error(), "loss became") {
		t.Fatalf("a diverging run: %v", err)
	}
	if ck, _ := checkpoint.Latest(cfg.OutDir); ck != "" {
		t.Errorf("a checkpoint of the diverged state was written: %s", ck)
	}
}
