package checkpoint

import (
	"fmt"
	"strconv"

	"dcganvk/nn/dcgan"
)

// The metadata keys of the model's geometry. A checkpoint without them was
// written before the geometry was a setting and is MNIST's, 28x28x1.
const (
	sizeKey     = "image_size"
	channelsKey = "channels"
)

// SetGeometry records geo in ck's metadata.
func SetGeometry(ck *File, geo dcgan.Geometry) {
	ck.Metadata[sizeKey] = strconv.Itoa(geo.Size)
	ck.Metadata[channelsKey] = strconv.Itoa(geo.Channels)
}

// GeometryOf is the geometry ck was trained at (MNIST's when its metadata
// does not say).
func GeometryOf(ck *File) (dcgan.Geometry, error) {
	size, channels := ck.Metadata[sizeKey], ck.Metadata[channelsKey]
	if size == "" && channels == "" {
		return dcgan.MNIST, nil
	}
	var geo dcgan.Geometry
	var err1, err2 error
	geo.Size, err1 = strconv.Atoi(size)
	geo.Channels, err2 = strconv.Atoi(channels)
	if err1 != nil || err2 != nil {
		return geo, fmt.Errorf("bad metadata: %s %q, %s %q are not numbers", sizeKey, size, channelsKey, channels)
	}
	if err := geo.Check(); err != nil {
		return geo, fmt.Errorf("bad metadata: %w", err)
	}
	return geo, nil
}
