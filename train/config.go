package train

import (
	"fmt"
	"math"
	"os"
	"path/filepath"

	"dcganvk/gpu"
	"dcganvk/nn/dcgan"
	"dcganvk/train/checkpoint"
	"dcganvk/train/dataset"
	"dcganvk/train/eval"
)

// Config is everything `dcganvk train` takes; the defaults are the notebook's.
type Config struct {
	Epochs          int
	Batch           int
	LR              float64
	Seed            uint64
	DataDir         string
	OutDir          string
	CheckpointEvery int
	Resume          bool
	// EvalEvery scores the generator's samples with the judge every
	// EvalEvery epochs and after the last (0: never).
	EvalEvery int
	// EvalSamples is the number of samples each evaluation scores.
	EvalSamples int
	// Limit uses only Limit training images (0: all; see dataset.Options).
	Limit int
	// Size and Channels are the model's geometry (0: the data's).
	Size, Channels int
	// Background is the colour a picture's alpha is composed over
	// (#rrggbb).
	Background string
	// CPURef trains on the CPU reference executor instead of Vulkan.
	CPURef bool
	// Preview shows the sample grid in a live window (Vulkan executor only).
	Preview bool
	// AfterPreview, when set, is called after each refresh of the preview
	// window (tests take their screenshot there).
	AfterPreview func() `json:"-"`
	// Watch, when set, follows the run as it trains (train --serve).
	Watch Watcher `json:"-"`
	GPU   gpu.Options
	// Version is written into run.json and the checkpoints.
	Version string
}

// DefaultConfig is the notebook's run: 50 epochs of batch 256 at lr 1e-4,
// a checkpoint every 15 epochs.
func DefaultConfig() Config {
	return Config{Epochs: 50, Batch: 256, LR: dcgan.AdamLR, Seed: 1, DataDir: "data/mnist", OutDir: "out", Background: "#000000",
		CheckpointEvery: 15, EvalEvery: 5, EvalSamples: 10000}
}

// Validate checks the numbers and that the output folder is writable, before
// any work starts.
func (c Config) Validate() error {
	switch {
	case c.Epochs < 1:
		return fmt.Errorf("--epochs %d: need at least 1", c.Epochs)
	case c.Batch < 2:
		return fmt.Errorf("--batch %d: need at least 2 (batch norm needs two samples)", c.Batch)
	case !(c.LR > 0) || math.IsInf(c.LR, 1):
		return fmt.Errorf("--lr %g: need a positive, finite learning rate", c.LR)
	case c.CheckpointEvery < 1:
		return fmt.Errorf("--checkpoint-every %d: need at least 1", c.CheckpointEvery)
	case c.EvalEvery < 0:
		return fmt.Errorf("--eval-every %d: need 0 (never) or a positive count of epochs", c.EvalEvery)
	case c.EvalEvery > 0 && (c.EvalSamples < 2 || c.EvalSamples > eval.MaxImages):
		return fmt.Errorf("--eval-samples %d: need 2 to %d", c.EvalSamples, eval.MaxImages)
	case c.Limit < 0:
		return fmt.Errorf("--limit %d: need 0 (all) or a positive count", c.Limit)
	}
	if _, err := dataset.ParseColor(c.Background); err != nil {
		return fmt.Errorf("--background: %w", err)
	}
	if err := os.MkdirAll(c.OutDir, 0o755); err != nil {
		return fmt.Errorf("--out %s: %w", c.OutDir, err)
	}
	probe, err := os.CreateTemp(c.OutDir, ".write-test*")
	if err != nil {
		return fmt.Errorf("--out %s is not writable: %w", c.OutDir, err)
	}
	probe.Close()
	os.Remove(probe.Name())
	return nil
}

// checkFresh refuses to start a new run in a folder that holds one.
func (c Config) checkFresh() error {
	if c.Resume {
		return nil
	}
	if ck, _ := checkpoint.Latest(c.OutDir); ck != "" {
		return fmt.Errorf("--out %s already holds a run (%s): pass --resume to continue it, or choose another --out",
			c.OutDir, filepath.Base(ck))
	}
	return nil
}
