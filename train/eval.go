package train

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"time"

	"dcganvk/gpu"
	"dcganvk/nn/dcgan"
	"dcganvk/nn/judge"
	"dcganvk/nn/op"
	"dcganvk/nn/vkexec"
	"dcganvk/train/mnist"
	"dcganvk/train/score"
)

// MaxEvalImages bounds the samples `dcganvk eval` draws.
const MaxEvalImages = 60000

// EvalConfig is what `dcganvk eval` takes.
type EvalConfig struct {
	Checkpoint string
	// N is the number of samples, noise vectors 0..N-1 of Seed.
	N int
	// Seed picks the noise set; nil means the checkpoint's training seed.
	Seed *uint64
	// DataDir holds MNIST's test set and the judge's cache.
	DataDir string
	GPU     gpu.Options
	Version string
}

// EvalReport is the scores of a checkpoint's samples, beside the same
// scores of MNIST's test images.
type EvalReport struct {
	Checkpoint string `json:"checkpoint"`
	Epoch      string `json:"epoch"`
	N          int    `json:"n"`
	Seed       uint64 `json:"seed"`
	Device     string `json:"device"`
	// FID is the Fréchet distance between the judge's features of the N
	// samples and of MNIST's 10000 test images.
	FID float64 `json:"fid"`
	// FIDFloor is the same distance between the two halves of the test
	// set (5000 against 5000): what real digits score.
	FIDFloor      float64        `json:"fid_real_floor"`
	Generated     *score.Classes `json:"generated"`
	Real          *score.Classes `json:"mnist_test"`
	JudgeAccuracy float64        `json:"judge_test_accuracy"`
	// Alarm is the collapse alarm's line, empty when the samples look
	// healthy.
	Alarm   string  `json:"collapse_alarm"`
	Seconds float64 `json:"seconds"`
}

// evaluator holds the generator, in inference mode, and the judge on one
// device, a batch at a time.
type evaluator struct {
	exec       op.Executor
	sampler    *dcgan.Sampler
	classifier *judge.Classifier
}

// Eval draws cfg.N samples from the checkpoint's generator and scores them
// with the judge (trained and cached on first use) against MNIST's test
// set.
func Eval(cfg EvalConfig, log io.Writer) (*EvalReport, error) {
	if cfg.N < 2 || cfg.N > MaxEvalImages {
		return nil, fmt.Errorf("--n %d: need 2 to %d", cfg.N, MaxEvalImages)
	}
	src := Source{Checkpoint: cfg.Checkpoint, Seed: cfg.Seed}
	ck, seed, err := src.open()
	if err != nil {
		return nil, err
	}
	test, err := mnist.LoadLabelledSet(cfg.DataDir, mnist.TestSet)
	if err != nil {
		return nil, err
	}
	judgeCk, err := ensureJudge(cfg, log)
	if err != nil {
		return nil, err
	}
	start := time.Now()
	dev, err := gpu.Open(cfg.GPU)
	if err != nil {
		return nil, err
	}
	defer dev.Close()
	ev, err := newEvaluator(dev, ck, judgeCk)
	if err != nil {
		return nil, err
	}
	defer ev.exec.Close()
	rep := &EvalReport{Checkpoint: cfg.Checkpoint, Epoch: ck.Metadata["epoch"], N: cfg.N, Seed: seed, Device: dev.Info.Name}
	realFeatures, realLogits, err := classify(ev.exec, ev.classifier, test.Images, test.Count)
	if err != nil {
		return nil, err
	}
	rep.JudgeAccuracy = accuracy(realLogits, test.Labels)
	fmt.Fprintf(log, "eval: drawing %d samples from %s and scoring them\n", cfg.N, cfg.Checkpoint)
	fakeFeatures, fakeLogits, err := ev.sampleAndClassify(FixedNoise(seed, cfg.N), cfg.N)
	if err != nil {
		return nil, err
	}
	if err := rep.score(realFeatures, realLogits, fakeFeatures, fakeLogits); err != nil {
		return nil, err
	}
	rep.Seconds = time.Since(start).Seconds()
	return rep, nil
}

// ensureJudge loads the cached judge, training it first if there is none.
func ensureJudge(cfg EvalConfig, log io.Writer) (*Checkpoint, error) {
	jc := DefaultJudgeConfig()
	jc.DataDir, jc.GPU, jc.Version = cfg.DataDir, cfg.GPU, cfg.Version
	ck, err := loadJudge(jc.JudgePath())
	if errors.Is(err, errNoJudge) {
		fmt.Fprintf(log, "eval: no judge in %s yet: training it once (see `dcganvk judge train`)\n", jc.JudgePath())
		if _, err := TrainJudge(jc, log); err != nil {
			return nil, err
		}
		ck, err = loadJudge(jc.JudgePath())
	}
	return ck, err
}

// newEvaluator builds the sampler and the classifier at the classifier's
// batch on one executor and loads both networks' weights.
func newEvaluator(dev *gpu.Device, ck, judgeCk *Checkpoint) (*evaluator, error) {
	g, bn := dcgan.NewGenerator("generator"), dcgan.NewGeneratorBN()
	sampler, err := dcgan.NewSampler(g, bn, classifyBatch)
	if err != nil {
		return nil, err
	}
	w := judge.NewWeights("judge")
	classifier, err := judge.NewClassifier(w, classifyBatch)
	if err != nil {
		return nil, err
	}
	exec, err := vkexec.New(dev, vkexec.Options{}, sampler.Plan, classifier.Plan)
	if err != nil {
		return nil, err
	}
	if err := LoadState(exec, GeneratorTensors(g, bn), ck); err != nil {
		exec.Close()
		return nil, fmt.Errorf("checkpoint: %w", err)
	}
	if err := LoadState(exec, w.Views(), judgeCk); err != nil {
		exec.Close()
		return nil, fmt.Errorf("judge: %w (run `dcganvk judge train` to replace it)", err)
	}
	return &evaluator{exec: exec, sampler: sampler, classifier: classifier}, nil
}

// sampleAndClassify draws the images of the n noise vectors a batch at a
// time and returns the judge's features and logits of them.
func (ev *evaluator) sampleAndClassify(noise []float32, n int) (features, logits []float32, err error) {
	return classifyFunc(ev.exec, ev.classifier, n, func(from, to int) ([]float32, error) {
		batch := make([]float32, ev.sampler.Noise.Len())
		copy(batch, noise[from*dcgan.NoiseDim:to*dcgan.NoiseDim])
		images, err := ev.draw(batch)
		if err != nil {
			return nil, err
		}
		return images[:(to-from)*dcgan.Pixels], nil
	})
}

// draw runs the generator over one batch of noise.
func (ev *evaluator) draw(noise []float32) ([]float32, error) {
	if err := ev.exec.Write(ev.sampler.Noise, noise); err != nil {
		return nil, err
	}
	if err := ev.exec.Run(ev.sampler.Plan); err != nil {
		return nil, err
	}
	images, err := ev.exec.Read(ev.sampler.Images)
	if err != nil {
		return nil, err
	}
	if bad := nonFinite(images); bad > 0 {
		return nil, fmt.Errorf("the generator drew %d NaN or infinite pixels: the checkpoint's weights are out of range (the run diverged)", bad)
	}
	return images, nil
}

// score fills the FIDs and the class scores from the judge's outputs.
func (rep *EvalReport) score(realFeatures, realLogits, fakeFeatures, fakeLogits []float32) error {
	real, err := score.NewStats(realFeatures, judge.Hidden)
	if err != nil {
		return err
	}
	fake, err := score.NewStats(fakeFeatures, judge.Hidden)
	if err != nil {
		return err
	}
	half := len(realFeatures) / judge.Hidden / 2 * judge.Hidden
	first, err := score.NewStats(realFeatures[:half], judge.Hidden)
	if err != nil {
		return err
	}
	second, err := score.NewStats(realFeatures[half:2*half], judge.Hidden)
	if err != nil {
		return err
	}
	if rep.FID, err = score.FID(fake, real); err != nil {
		return err
	}
	if rep.FIDFloor, err = score.FID(first, second); err != nil {
		return err
	}
	if rep.Generated, err = score.NewClasses(fakeLogits, judge.Classes); err != nil {
		return err
	}
	if rep.Real, err = score.NewClasses(realLogits, judge.Classes); err != nil {
		return err
	}
	rep.Alarm = score.CollapseAlarm(rep.Generated)
	return nil
}

// WriteTable prints the report as a table.
func (rep *EvalReport) WriteTable(w io.Writer) {
	epoch := rep.Epoch
	if epoch == "" {
		epoch = "?"
	}
	fmt.Fprintf(w, "%s (epoch %s): %d samples of seed %d on %s; judge %.2f%% right on MNIST's test set\n\n",
		rep.Checkpoint, epoch, rep.N, rep.Seed, rep.Device, 100*rep.JudgeAccuracy)
	fmt.Fprintf(w, "%-26s %12s %12s\n", "", "samples", "MNIST test")
	fmt.Fprintf(w, "%-26s %12.3f %12.3f  (test half against half)\n", "FID (judge features)", rep.FID, rep.FIDFloor)
	fmt.Fprintf(w, "%-26s %12.3f %12.3f\n", "classifier score (max 10)", rep.Generated.Score, rep.Real.Score)
	fmt.Fprintf(w, "%-26s %12.3f %12.3f\n", "mean top-class confidence", rep.Generated.Confidence, rep.Real.Confidence)
	fmt.Fprintf(w, "%-26s %9d/10 %9d/10\n", "coverage (digits >= 2%)", rep.Generated.Coverage, rep.Real.Coverage)
	for k := range rep.Generated.Shares {
		fmt.Fprintf(w, "%-26s %11.1f%% %11.1f%%\n", "share of digit "+strconv.Itoa(k), 100*rep.Generated.Shares[k], 100*rep.Real.Shares[k])
	}
	if rep.Alarm != "" {
		fmt.Fprintf(w, "\n%s\n", rep.Alarm)
	}
}
