package train

import (
	"fmt"
	"io"

	"dcganvk/nn/dcgan"
	"dcganvk/train/dataset"
)

// dataOptions is how the run reads --data: the geometry asked for, the
// background of transparent pictures and --limit (Validate has checked the
// colour).
func (c Config) dataOptions() dataset.Options {
	bg, _ := dataset.ParseColor(c.Background)
	return dataset.Options{Size: c.Size, Channels: c.Channels, Background: bg, Limit: c.Limit}
}

// judged says whether the judge can score a run on images at geo: only IDX
// data with labels, at 28x28x1, has one. Otherwise it says once on log that
// the run trains without evaluation.
func judged(images *dataset.Set, geo dcgan.Geometry, dataDir string, log io.Writer) bool {
	switch {
	case !images.Labelled:
		fmt.Fprintf(log, "--data %s holds no IDX labels (%s): training without evaluation; the discriminator-loss alarm still runs\n", dataDir, images.Kind)
	case geo != dcgan.MNIST:
		fmt.Fprintf(log, "the judge scores %s IDX images and this run draws %s: training without evaluation; the discriminator-loss alarm still runs\n", dcgan.MNIST, geo)
	default:
		return true
	}
	return false
}
