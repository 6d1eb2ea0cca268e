package checkpoint

import (
	"strings"
	"testing"

	"dcganvk/nn/dcgan"
)

func TestGeometryRoundTripsAndOldCheckpointsAreMNIST(t *testing.T) {
	old := &File{Metadata: map[string]string{"epoch": "3"}}
	if geo, err := GeometryOf(old); err != nil || geo != dcgan.MNIST {
		t.Fatalf("a checkpoint without geometry: %v %v, want 28x28x1", geo, err)
	}
	colour := dcgan.Geometry{Size: 64, Channels: 3}
	ck := &File{Metadata: map[string]string{}}
	SetGeometry(ck, colour)
	if geo, err := GeometryOf(ck); err != nil || geo != colour {
		t.Fatalf("got %v %v, want %v", geo, err, colour)
	}
	for _, bad := range []map[string]string{
		{sizeKey: "48", channelsKey: "3"},
		{sizeKey: "64", channelsKey: "two"},
		{sizeKey: "32"},
	} {
		if _, err := GeometryOf(&File{Metadata: bad}); err == nil || !strings.Contains(err.Error(), "bad metadata") {
			t.Errorf("%v: got %v, want a bad-metadata error", bad, err)
		}
	}
}
