package dcgan

import (
	"fmt"
	"math"
	"math/rand/v2"

	"dcganvk/nn/op"
)

// TrainStep is the plan of one train step and the tensors a caller sets or
// reads: one forward pass of G and of D (real and fake), both losses, both
// gradients from that same pass, then both Adam updates.
type TrainStep struct {
	Geo   Geometry
	Plan  *op.Plan
	Batch int
	// Count is the number of training images held on the device.
	Count int

	Params        *op.Tensor // step parameter block (op.StepParams)
	Images, Order *op.Tensor // the training set (packed bytes) and the epoch's order

	G, GGrad, GMoment1, GMoment2 *Generator
	D, DGrad, DMoment1, DMoment2 *Discriminator
	BN                           [3]*BNState

	Noise                               *op.Tensor // the step's noise [n,100], drawn on the device
	Real, Fake                          *op.Tensor // the step's batches [n,S,S,C]
	GenLoss, DiscLossReal, DiscLossFake *op.Tensor // one float each
}

// NewTrainStep builds the train step at geometry geo for batches of n out
// of count images.
func NewTrainStep(geo Geometry, n, count int) (*TrainStep, error) {
	if err := geo.Check(); err != nil {
		return nil, err
	}
	if n < 2 || count < n {
		return nil, fmt.Errorf("batch %d of %d images: need 2 <= batch <= images", n, count)
	}
	s := &TrainStep{
		Geo:  geo,
		Plan: &op.Plan{}, Batch: n, Count: count,
		Params: op.NewParams("step_params"),
		Images: &op.Tensor{Name: "mnist/images", Shape: []int{(count*geo.Pixels() + 3) / 4}, Type: op.U32, Kind: op.Bytes},
		Order:  &op.Tensor{Name: "mnist/order", Shape: []int{count}, Type: op.U32, Kind: op.Index, Bound: count},
		G:      NewGenerator("generator", geo), GGrad: NewGenerator("gradients/generator", geo),
		GMoment1: NewGenerator("optimizer/generator/m", geo), GMoment2: NewGenerator("optimizer/generator/v", geo),
		D: NewDiscriminator("discriminator", geo), DGrad: NewDiscriminator("gradients/discriminator", geo),
		DMoment1: NewDiscriminator("optimizer/discriminator/m", geo), DMoment2: NewDiscriminator("optimizer/discriminator/v", geo),
		BN:           NewGeneratorBN(geo),
		GenLoss:      &op.Tensor{Name: "loss/generator", Shape: []int{1}, Host: true},
		DiscLossReal: &op.Tensor{Name: "loss/discriminator_real", Shape: []int{1}, Host: true},
		DiscLossFake: &op.Tensor{Name: "loss/discriminator_fake", Shape: []int{1}, Host: true},
	}
	s.GMoment2.Flat.Kind, s.DMoment2.Flat.Kind = op.Positive, op.Positive
	b := &builder{plan: s.Plan, n: n, params: s.Params}

	s.Noise = op.NewF32("g/z", n, NoiseDim)
	b.add(&op.RandomFill{Params: s.Params, Y: s.Noise, N: s.Noise.Len(), Stream: StreamNoise, Normal: true})
	gen := b.generatorForward(s.G, s.BN, s.Noise, true, "g")
	s.Fake = gen.fake
	s.Real = op.NewF32("d/real", n, geo.Size, geo.Size, geo.Channels)
	b.add(&op.GatherImages{Images: s.Images, Order: s.Order, Params: s.Params, Y: s.Real,
		Count: count, Batch: n, Pixels: geo.Pixels()})
	// D sees the real and the fake batch as one batch of 2n, each half
	// masked by dropout streams of its own.
	both := op.NewF32("d/batch", 2*n, geo.Size, geo.Size, geo.Channels)
	b.add(&op.Concat{A: s.Real, B: s.Fake, Y: both})
	pass := b.discriminatorForward(s.D, both, 2*n,
		[2][]uint32{{StreamDropout1, StreamDropout3}, {StreamDropout2, StreamDropout4}}, "d")

	// gen_loss = BCE(fake, 1); disc_loss = BCE(real, 1) + BCE(fake, 0), the
	// real logits first in the batch, the fake ones from n on.
	dGen := op.NewF32("loss/d_generator", n, 1)
	dReal := op.NewF32("loss/d_discriminator_real", n, 1)
	dFake := op.NewF32("loss/d_discriminator_fake", n, 1)
	b.add(&op.BCELogits{Logits: pass.logit, Loss: s.GenLoss, Grad: dGen, N: n, Offset: n, Target: 1},
		&op.BCELogits{Logits: pass.logit, Loss: s.DiscLossReal, Grad: dReal, N: n, Target: 1},
		&op.BCELogits{Logits: pass.logit, Loss: s.DiscLossFake, Grad: dFake, N: n, Offset: n, Target: 0})

	// D's gradient is its loss's over the whole batch; G's comes back through
	// D's fake half, from the generator's loss, in the same pass.
	dImage := b.discriminatorBackward(s.D, s.DGrad, pass, dReal, dFake, dGen)
	b.generatorBackward(s.G, s.GGrad, s.BN, gen, dImage)

	b.add(&op.Adam{Params: s.Params, G: s.GGrad.Flat, W: s.G.Flat, M: s.GMoment1.Flat, V: s.GMoment2.Flat,
		N: s.G.Flat.Len(), LRSlot: op.ParamLRGen, Beta1: AdamBeta1, Beta2: AdamBeta2, Eps: AdamEpsilon},
		&op.Adam{Params: s.Params, G: s.DGrad.Flat, W: s.D.Flat, M: s.DMoment1.Flat, V: s.DMoment2.Flat,
			N: s.D.Flat.Len(), LRSlot: op.ParamLRDisc, Beta1: AdamBeta1, Beta2: AdamBeta2, Eps: AdamEpsilon})
	if b.err != nil {
		return nil, fmt.Errorf("building the train step: %w", b.err)
	}
	return s, nil
}

// InitialState returns Keras' initial values of every parameter and state
// tensor: glorot-uniform kernels drawn from seed, zero biases and betas,
// unit gammas, moving means 0 and variances 1, Adam moments 0.
func (s *TrainStep) InitialState(seed uint64) map[*op.Tensor][]float32 {
	rng := rand.New(rand.NewPCG(seed, 0x64636761_6e766b)) // "dcganvk"
	values := map[*op.Tensor][]float32{}
	for _, k := range []*op.Tensor{s.G.Dense, s.G.ConvT1, s.G.ConvT2, s.G.ConvT3, s.D.Conv1, s.D.Conv2, s.D.DenseKernel} {
		values[k] = GlorotUniform(k, rng)
	}
	for _, gamma := range []*op.Tensor{s.G.Gamma0, s.G.Gamma1, s.G.Gamma2} {
		values[gamma] = fill(gamma.Len(), 1)
	}
	for _, bn := range s.BN {
		values[bn.MovingVar] = fill(bn.MovingVar.Len(), 1)
	}
	return values
}

// StepParams returns the parameter block for train step t (from 1): Adam's
// bias-corrected rate lr_t = lr·sqrt(1-β2^t)/(1-β1^t) for both networks,
// computed in float64 as Keras' formula and rounded once.
func StepParams(t uint32, seed uint64, batchOffset uint32, lr float64) op.StepParams {
	ft := float64(t)
	lrT := float32(lr * math.Sqrt(1-math.Pow(AdamBeta2, ft)) / (1 - math.Pow(AdamBeta1, ft)))
	return op.StepParams{Step: t, Seed: seed, BatchOffset: batchOffset, LRGen: lrT, LRDisc: lrT}
}
