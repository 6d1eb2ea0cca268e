package train

import (
	"fmt"
	"io"

	"dcganvk/gpu"
	"dcganvk/nn/dcgan"
	"dcganvk/train/dataset"
)

// dataOptions is how the run reads --data: the geometry asked for, the
// background of transparent pictures and --limit (Validate has checked the
// colour).
func (c Config) dataOptions() dataset.Options {
	bg, _ := dataset.ParseColor(c.Background)
	return dataset.Options{Size: c.Size, Channels: c.Channels, Background: bg, Limit: c.Limit,
		MaxBytes: c.deviceBufferBytes()}
}

// deviceBufferBytes is the most pixels the device the run will open holds in
// the one buffer of the set: its largest storage buffer range, at most half
// its largest device-local heap. It is 0 (every device's guaranteed bound)
// with --cpu-ref or when the devices cannot be listed or chosen: opening the
// device later says why.
func (c Config) deviceBufferBytes() int {
	if c.CPURef {
		return 0
	}
	devices, err := gpu.Devices(c.GPU.Validate)
	if err != nil {
		return 0
	}
	i, err := gpu.Choose(devices, c.GPU.Device)
	if err != nil {
		return 0
	}
	var heap uint64
	for _, h := range devices[i].Heaps {
		if h.DeviceLocal {
			heap = max(heap, h.Bytes)
		}
	}
	return int(min(uint64(devices[i].MaxStorageBufferRange), heap/2))
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
