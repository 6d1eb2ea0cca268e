package eval

import (
	"fmt"

	"dcganvk/nn/dcgan"
	"dcganvk/nn/judge"
	"dcganvk/nn/op"
	"dcganvk/train/checkpoint"
	"dcganvk/train/mnist"
	"dcganvk/train/score"
)

// Quality is how the judge scores a set of samples against MNIST's test
// set.
type Quality struct {
	// FID is the Fréchet distance between the judge's features of the
	// samples and of MNIST's 10000 test images.
	FID float64 `json:"fid"`
	// FIDFloor is the same distance between the two halves of the test
	// set (5000 against 5000): what real digits score.
	FIDFloor  float64        `json:"fid_real_floor"`
	Generated *score.Classes `json:"generated"`
	// Alarm is the collapse alarm's line, empty when the samples look
	// healthy.
	Alarm string `json:"collapse_alarm"`
}

// Scorer scores images with the judge, whose weights its executor holds,
// against MNIST's test set, which it classifies once.
type Scorer struct {
	exec       op.Executor
	classifier *judge.Classifier
	real       *score.Stats
	floor      float64
	// Real is the judge's view of the test set, Accuracy its share of the
	// test labels it gets right.
	Real     *score.Classes
	Accuracy float64
}

// NewScorer writes the judge's weights w, as judgeCk holds them, into exec,
// whose plans include classifier, and classifies MNIST's test set with it.
func NewScorer(exec op.Executor, classifier *judge.Classifier, w *judge.Weights, judgeCk *checkpoint.File,
	test *mnist.LabelledSet) (*Scorer, error) {
	if err := checkpoint.LoadState(exec, w.Views(), judgeCk); err != nil {
		return nil, fmt.Errorf("judge: %w (run `dcganvk judge train` to replace it)", err)
	}
	features, logits, err := classify(exec, classifier, test.Images, test.Count)
	if err != nil {
		return nil, fmt.Errorf("classifying MNIST's test set: %w", err)
	}
	s := &Scorer{exec: exec, classifier: classifier, Accuracy: accuracy(logits, test.Labels)}
	if s.real, err = score.NewStats(features, judge.Hidden); err != nil {
		return nil, err
	}
	half := len(features) / judge.Hidden / 2 * judge.Hidden
	first, err := score.NewStats(features[:half], judge.Hidden)
	if err != nil {
		return nil, err
	}
	second, err := score.NewStats(features[half:2*half], judge.Hidden)
	if err != nil {
		return nil, err
	}
	if s.floor, err = score.FID(first, second); err != nil {
		return nil, err
	}
	if s.Real, err = score.NewClasses(logits, judge.Classes); err != nil {
		return nil, err
	}
	return s, nil
}

// score classifies the n images that images(from, to) returns, from to
// to-1, and scores them.
func (s *Scorer) score(n int, images func(from, to int) ([]float32, error)) (*Quality, error) {
	features, logits, err := classifyFunc(s.exec, s.classifier, n, images)
	if err != nil {
		return nil, err
	}
	stats, err := score.NewStats(features, judge.Hidden)
	if err != nil {
		return nil, err
	}
	q := &Quality{FIDFloor: s.floor}
	if q.FID, err = score.FID(stats, s.real); err != nil {
		return nil, err
	}
	if q.Generated, err = score.NewClasses(logits, judge.Classes); err != nil {
		return nil, err
	}
	q.Alarm = score.CollapseAlarm(q.Generated)
	return q, nil
}

// ScoreSamples draws the images of the noise vectors with sampler, whose
// plan the scorer's executor holds, a batch at a time, and scores them.
func (s *Scorer) ScoreSamples(sampler *dcgan.Sampler, noise []float32) (*Quality, error) {
	return s.score(len(noise)/dcgan.NoiseDim, func(from, to int) ([]float32, error) {
		return sampler.Draw(s.exec, noise[from*dcgan.NoiseDim:to*dcgan.NoiseDim])
	})
}

// Line is the scores in one line of a training log.
func (q *Quality) Line() string {
	return fmt.Sprintf("FID %.2f (real digits %.2f), classifier score %.2f, confidence %.3f, coverage %d/10",
		q.FID, q.FIDFloor, q.Generated.Score, q.Generated.Confidence, q.Generated.Coverage)
}
