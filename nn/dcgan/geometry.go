package dcgan

import "fmt"

// Geometry is the size of the images the model draws and judges: Size x
// Size pixels of Channels values (1: grey, 3: red, green, blue).
type Geometry struct {
	Size, Channels int
}

// MNIST is the notebook's geometry, 28x28 grey.
var MNIST = Geometry{Size: 28, Channels: 1}

// Pixels is the number of values in one image.
func (g Geometry) Pixels() int { return g.Size * g.Size * g.Channels }

// String writes g as SIZExSIZExCHANNELS.
func (g Geometry) String() string { return fmt.Sprintf("%dx%dx%d", g.Size, g.Size, g.Channels) }

// Check refuses a geometry the architecture cannot take: the generator
// starts at Size/4 and doubles twice, so Size is 28, 32 or 64.
func (g Geometry) Check() error {
	switch {
	case g.Size != 28 && g.Size != 32 && g.Size != 64:
		return fmt.Errorf("image size %d: the model takes 28, 32 or 64", g.Size)
	case g.Channels != 1 && g.Channels != 3:
		return fmt.Errorf("%d channels: the model takes 1 (grey) or 3 (colour)", g.Channels)
	}
	return nil
}

// seed is the side of the generator's first feature map (Dense's output).
func (g Geometry) seed() int { return g.Size / 4 }

// denseOut is the width of the generator's Dense layer, seed x seed x 256.
func (g Geometry) denseOut() int { return g.seed() * g.seed() * 256 }

// dFeatures is the width of the discriminator's flattened features,
// seed x seed x 128.
func (g Geometry) dFeatures() int { return g.seed() * g.seed() * 128 }
