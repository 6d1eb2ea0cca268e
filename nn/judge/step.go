package judge

import (
	"fmt"

	"dcganvk/nn/dcgan"
	"dcganvk/nn/op"
)

// Adam's hyperparameters for the judge, Keras' defaults; the learning rate
// comes from the host each step (train/eval/judge.go), and the dropout rate is
// the discriminator's.
const (
	AdamBeta1   = 0.9
	AdamBeta2   = 0.999
	AdamEpsilon = 1e-7
	// DropoutRate is the dropout after each conv layer in training.
	DropoutRate = dcgan.DropoutRate
)

// The RNG streams of the dropout masks (nn/op/random.go).
const (
	StreamDropout1 uint32 = 1 // after conv1
	StreamDropout2 uint32 = 2 // after conv2
)

// TrainStep is the plan of one train step of the judge and the tensors a
// caller sets or reads: a batch gathered from the device-resident training
// set, the forward pass (with dropout), softmax cross-entropy against the
// batch's labels, the backward pass and one Adam update. The learning rate
// is word op.ParamLRDisc of the step parameter block.
type TrainStep struct {
	Plan  *op.Plan
	Batch int
	// Count is the number of training images held on the device.
	Count int

	Params        *op.Tensor // step parameter block (op.StepParams)
	Images, Order *op.Tensor // the training set (packed bytes) and the epoch's order
	// Labels are the batch's digits, written by the host before each step.
	Labels *op.Tensor

	W, Grad, Moment1, Moment2 *Weights
	Loss                      *op.Tensor // one float: the batch's mean cross-entropy
}

// NewTrainStep builds the judge's train step for batches of n out of count
// images.
func NewTrainStep(n, count int) (*TrainStep, error) {
	if n < 1 || count < n {
		return nil, fmt.Errorf("judge batch %d of %d images: need 1 <= batch <= images", n, count)
	}
	s := &TrainStep{
		Plan: &op.Plan{}, Batch: n, Count: count,
		Params: op.NewParams("judge/step_params"),
		Images: &op.Tensor{Name: "mnist/images", Shape: []int{(count*dcgan.MNIST.Pixels() + 3) / 4}, Type: op.U32, Kind: op.Bytes},
		Order:  &op.Tensor{Name: "mnist/order", Shape: []int{count}, Type: op.U32, Kind: op.Index, Bound: count},
		Labels: &op.Tensor{Name: "judge/labels", Shape: []int{n}, Type: op.U32, Kind: op.Index, Bound: Classes, Host: true},
		W:      NewWeights("judge"), Grad: NewWeights("gradients/judge"),
		Moment1: NewWeights("optimizer/judge/m"), Moment2: NewWeights("optimizer/judge/v"),
		Loss: &op.Tensor{Name: "judge/loss", Shape: []int{1}, Host: true},
	}
	s.Moment2.Flat.Kind = op.Positive
	b := &builder{plan: s.Plan, n: n, params: s.Params}
	x := op.NewF32("judge/batch", n, dcgan.MNIST.Size, dcgan.MNIST.Size, 1)
	b.add(&op.GatherImages{Images: s.Images, Order: s.Order, Params: s.Params, Y: x,
		Count: count, Batch: n, Pixels: dcgan.MNIST.Pixels()})
	p := b.forward(s.W, x, "judge/train")
	dlogits := op.NewF32("judge/d_logits", n, Classes)
	b.add(&op.SoftmaxXent{Logits: p.logits, Labels: s.Labels, Loss: s.Loss, Grad: dlogits, N: n, C: Classes})
	b.backward(s.W, s.Grad, p, dlogits)
	b.add(&op.Adam{Params: s.Params, G: s.Grad.Flat, W: s.W.Flat, M: s.Moment1.Flat, V: s.Moment2.Flat,
		N: s.W.Flat.Len(), LRSlot: op.ParamLRDisc, Beta1: AdamBeta1, Beta2: AdamBeta2, Eps: AdamEpsilon})
	if b.err != nil {
		return nil, fmt.Errorf("building the judge's train step: %w", b.err)
	}
	return s, nil
}
