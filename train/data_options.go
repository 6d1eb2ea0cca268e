package train

import "dcganvk/train/dataset"

// dataOptions is how the run reads --data: the geometry asked for, the
// background of transparent pictures and --limit (Validate has checked the
// colour).
func (c Config) dataOptions() dataset.Options {
	bg, _ := dataset.ParseColor(c.Background)
	return dataset.Options{Size: c.Size, Channels: c.Channels, Background: bg, Limit: c.Limit}
}
