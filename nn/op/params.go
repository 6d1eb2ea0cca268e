package op

import "math"

// Word offsets of the step parameter block: the few values that change from
// one step to the next, written by the host before each submit so that a
// recorded command buffer serves every step. shaders/step_params.glsl
// declares the same layout.
const (
	ParamStep        = iota // train step number, from 1
	ParamSeedLo             // RNG seed, low 32 bits
	ParamSeedHi             // RNG seed, high 32 bits
	ParamBatchOffset        // first index of this batch in the epoch's shuffled order
	ParamLRGen              // Adam's lr_t for the generator (float32 bits)
	ParamLRDisc             // Adam's lr_t for the discriminator (float32 bits)
	ParamWords       = 8    // words in the block
)

// StepParams are the values of the step parameter block.
type StepParams struct {
	Step        uint32
	Seed        uint64
	BatchOffset uint32
	LRGen       float32
	LRDisc      float32
}

// NewParams makes the step parameter tensor.
func NewParams(name string) *Tensor {
	return &Tensor{Name: name, Shape: []int{ParamWords}, Type: U32, Kind: Params, Host: true}
}

// Words encodes the block as the float32-typed words executors take.
func (p StepParams) Words() []float32 {
	w := make([]uint32, ParamWords)
	w[ParamStep] = p.Step
	w[ParamSeedLo] = uint32(p.Seed)
	w[ParamSeedHi] = uint32(p.Seed >> 32)
	w[ParamBatchOffset] = p.BatchOffset
	w[ParamLRGen] = math.Float32bits(p.LRGen)
	w[ParamLRDisc] = math.Float32bits(p.LRDisc)
	return AsFloat32(w)
}

// DecodeParams reads a parameter block back from its words.
func DecodeParams(words []float32) StepParams {
	w := AsUint32(words)
	return StepParams{
		Step:        w[ParamStep],
		Seed:        uint64(w[ParamSeedLo]) | uint64(w[ParamSeedHi])<<32,
		BatchOffset: w[ParamBatchOffset],
		LRGen:       math.Float32frombits(w[ParamLRGen]),
		LRDisc:      math.Float32frombits(w[ParamLRDisc]),
	}
}
