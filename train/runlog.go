package train

import (
	"encoding/json"
	"errors"
	"io"
	"os"
	"time"

	"dcganvk/train/eval"
	"dcganvk/train/safefile"
)

// EpochRecord is one finished epoch in run.json.
type EpochRecord struct {
	Epoch        int     `json:"epoch"`
	Seconds      float64 `json:"seconds"`
	ImagesPerSec float64 `json:"images_per_s"`
	GenLoss      float32 `json:"gen_loss"`
	DiscLoss     float32 `json:"disc_loss"`
	// Quality is the judge's scores of the epoch's samples, on the epochs
	// --eval-every evaluates.
	Quality     *eval.Quality `json:"quality,omitempty"`
	EvalSeconds float64       `json:"eval_seconds,omitempty"`
	// Alarms are the collapse alarms the epoch sounded.
	Alarms []string `json:"alarms,omitempty"`
}

// RunRecord is run.json: how the run was made and how long each epoch took.
type RunRecord struct {
	Version  string        `json:"version"`
	Device   string        `json:"device"`
	Executor string        `json:"executor"`
	Flags    Config        `json:"flags"`
	Images   int           `json:"images"`
	Started  time.Time     `json:"started"`
	Epochs   []EpochRecord `json:"epochs"`
}

// loadRunRecord reads run.json, or returns nil when there is none.
func loadRunRecord(path string) (*RunRecord, error) {
	raw, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var r RunRecord
	if err := json.Unmarshal(raw, &r); err != nil {
		return nil, err
	}
	return &r, nil
}

// save writes run.json atomically.
func (r *RunRecord) save(path string) error {
	return safefile.Write(path, func(w io.Writer) error {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(r)
	})
}
