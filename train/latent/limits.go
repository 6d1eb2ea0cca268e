package latent

// What one request may make the program allocate. Each cap sits far above
// any real use and far below the memory of a small machine, so a typo or a
// hostile file is refused with an error instead of growing without bound.
const (
	// MaxImages bounds the images one command draws: generate --n, the rows
	// of a --noise file and interpolate --steps. 4096 images are a 64x64
	// grid of about 55 MB.
	MaxImages = 4096
	// MaxExprBytes bounds the length of an arith expression.
	MaxExprBytes = 1024
	// MaxOperands bounds the distinct vectors an arith expression names.
	MaxOperands = 64
)
