package dcgan

// The notebook's hyperparameters, which are Keras' defaults where the
// notebook sets none.
const (
	// AdamLR, AdamBeta1, AdamBeta2 and AdamEpsilon are Keras Adam's
	// defaults, for both networks.
	AdamLR      = 1e-4
	AdamBeta1   = 0.9
	AdamBeta2   = 0.999
	AdamEpsilon = 1e-7
	// BNMomentum and BNEpsilon are Keras BatchNormalization's defaults.
	BNMomentum = 0.99
	BNEpsilon  = 1e-3
	// LeakySlope is Keras' LeakyReLU default slope (not the 0.2 of the
	// DCGAN paper).
	LeakySlope = 0.3
	// DropoutRate is the notebook's Dropout(0.3) after each conv layer of D.
	DropoutRate = 0.3
)

// RNG streams: each random tensor of a step draws from its own stream of
// the counter-based generator (nn/op/random.go).
const (
	StreamNoise    uint32 = 1 // the generator's input noise
	StreamDropout1 uint32 = 2 // discriminator dropout after conv1, real pass
	StreamDropout2 uint32 = 3 // after conv2, real pass
	StreamDropout3 uint32 = 4 // after conv1, fake pass
	StreamDropout4 uint32 = 5 // after conv2, fake pass
	StreamFixed    uint32 = 6 // the fixed noise of the sample grid
)
