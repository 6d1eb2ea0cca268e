package main

import (
	"github.com/urfave/cli/v2"

	"dcganvk/nn/dcgan"
)

// geometryFlagDefs are --size and --channels of the commands that build the
// model at a geometry of their own (verify, bench); train takes the data's.
func geometryFlagDefs() []cli.Flag {
	return []cli.Flag{
		&cli.IntFlag{Name: "size", Value: dcgan.MNIST.Size, Usage: "image size of the model: 28, 32 or 64 pixels"},
		&cli.IntFlag{Name: "channels", Value: dcgan.MNIST.Channels, Usage: "image channels of the model: 1 (grey) or 3 (colour)"},
	}
}

// geometryFlags reads and checks --size and --channels.
func geometryFlags(c *cli.Context) (dcgan.Geometry, error) {
	geo := dcgan.Geometry{Size: c.Int("size"), Channels: c.Int("channels")}
	return geo, geo.Check()
}
