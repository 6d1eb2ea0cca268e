package train

import (
	"fmt"
	"io"
	"time"

	"dcganvk/nn/dcgan"
	"dcganvk/nn/judge"
	"dcganvk/nn/op"
	"dcganvk/train/checkpoint"
	"dcganvk/train/eval"
	"dcganvk/train/latent"
	"dcganvk/train/mnist"
)

// DiscLossAlarm is the discriminator loss that, when no step of an epoch
// rises above it, sounds the collapse alarm: D wins every batch and the
// generator learns little from it.
const DiscLossAlarm = 0.05

// trainEval is what `train --eval-every` scores the generator with: its
// samples at the judge's batch, in inference mode, and the judge, on the
// training executor.
type trainEval struct {
	test       *mnist.LabelledSet
	judgeCk    *checkpoint.File
	weights    *judge.Weights
	classifier *judge.Classifier
	sampler    *dcgan.Sampler
	noise      []float32
	scorer     *eval.Scorer
}

// newTrainEval loads MNIST's test set and the judge (training it first if
// it is not cached) and builds the plans that evaluation runs.
func newTrainEval(cfg Config, step *dcgan.TrainStep, log io.Writer) (*trainEval, error) {
	test, err := mnist.LoadLabelledSet(cfg.DataDir, mnist.TestSet)
	if err != nil {
		return nil, fmt.Errorf("--eval-every: %w", err)
	}
	judgeCk, err := eval.EnsureJudge(cfg.DataDir, cfg.GPU, cfg.Version, log)
	if err != nil {
		return nil, fmt.Errorf("--eval-every: %w", err)
	}
	e := &trainEval{test: test, judgeCk: judgeCk, weights: judge.NewWeights("judge"),
		noise: latent.FixedNoise(cfg.Seed, cfg.EvalSamples)}
	if e.classifier, err = judge.NewClassifier(e.weights, eval.ClassifyBatch); err != nil {
		return nil, err
	}
	if e.sampler, err = dcgan.NewSampler(step.G, step.BN, eval.ClassifyBatch); err != nil {
		return nil, err
	}
	return e, nil
}

// plans are the plans evaluation runs, for the executor to hold.
func (e *trainEval) plans() []*op.Plan { return []*op.Plan{e.sampler.Plan, e.classifier.Plan} }

// open writes the judge into the executor and classifies the test set.
func (e *trainEval) open(exec op.Executor) error {
	var err error
	e.scorer, err = eval.NewScorer(exec, e.classifier, e.weights, e.judgeCk, e.test)
	return err
}

// evaluateEpoch scores the epoch just finished when --eval-every says so,
// filling its record and printing the scores and any alarm.
func (t *trainer) evaluateEpoch(rec *EpochRecord) error {
	if t.eval == nil || (rec.Epoch%t.cfg.EvalEvery != 0 && rec.Epoch != t.cfg.Epochs) {
		return nil
	}
	start := time.Now()
	q, err := t.eval.scorer.ScoreSamples(t.eval.sampler, t.eval.noise)
	if err != nil {
		return fmt.Errorf("evaluating epoch %d: %w", rec.Epoch, err)
	}
	rec.Quality, rec.EvalSeconds = q, time.Since(start).Seconds()
	fmt.Fprintf(t.log, "epoch %d: %s (%d samples, %.1f s)\n", rec.Epoch, q.Line(), t.cfg.EvalSamples, rec.EvalSeconds)
	if q.Alarm != "" {
		fmt.Fprintln(t.log, q.Alarm)
		rec.Alarms = append(rec.Alarms, q.Alarm)
	}
	return nil
}

// discAlarm is the alarm line when the discriminator's loss stayed below
// DiscLossAlarm through all of an epoch (highest the largest loss of its
// steps), else "".
func discAlarm(epoch int, highest float32) string {
	if highest >= DiscLossAlarm {
		return ""
	}
	return fmt.Sprintf("collapse alarm: the discriminator's loss stayed below %g through all of epoch %d (at most %.4f): "+
		"it wins every batch and the generator learns little from it", DiscLossAlarm, epoch, highest)
}
