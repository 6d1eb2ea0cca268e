package train

import (
	"fmt"
	"image"

	"dcganvk/train/imageio"
)

// Watcher follows a run as it trains (`train --serve`). Every call must
// return at once: training never waits for a watcher.
type Watcher interface {
	// Started gives the run's record (flags, device, epochs so far), its
	// shape and the loss rows written before this start.
	Started(run *RunRecord, stepsPerEpoch int, history []LossRow)
	// Stepped gives each train step's losses.
	Stepped(row LossRow)
	// Drew gives the sample grid of the fixed vectors, as the PNGs draw it.
	Drew(grid image.Image, epoch, step int)
	// Finished gives the record of each finished epoch.
	Finished(rec EpochRecord)
}

// watchStarted tells the watcher, if there is one, that training starts.
func (t *trainer) watchStarted() {
	if t.cfg.Watch != nil {
		t.cfg.Watch.Started(t.run, t.stepsPerEpoch, t.losses.Rows)
	}
}

// watchStep gives the watcher a step's losses and, every PreviewEvery
// steps, the sample grid.
func (t *trainer) watchStep(row LossRow) error {
	if t.cfg.Watch == nil {
		return nil
	}
	t.cfg.Watch.Stepped(row)
	if t.steps%PreviewEvery != 0 {
		return nil
	}
	if t.preview == nil { // else trainEpoch has just run the sampler
		if err := t.exec.Run(t.sampler.Plan); err != nil {
			return fmt.Errorf("sampling the grid for --serve: %w", err)
		}
	}
	images, err := t.exec.Read(t.sampler.Images)
	if err != nil {
		return err
	}
	t.watchGrid(imageio.Grid(images, GridSize, t.geo, 4))
	return nil
}

// watchGrid gives the watcher, if there is one, the sample grid.
func (t *trainer) watchGrid(grid image.Image) {
	if t.cfg.Watch != nil {
		t.cfg.Watch.Drew(grid, t.epoch, t.steps)
	}
}

// watchEpoch gives the watcher, if there is one, a finished epoch.
func (t *trainer) watchEpoch(rec EpochRecord) {
	if t.cfg.Watch != nil {
		t.cfg.Watch.Finished(rec)
	}
}
