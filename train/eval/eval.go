package eval

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
	"dcganvk/train/checkpoint"
	"dcganvk/train/imageio"
	"dcganvk/train/latent"
	"dcganvk/train/mnist"
	"dcganvk/train/score"
)

// MaxImages bounds the samples `dcganvk eval` draws.
const MaxImages = 60000

// Config is what `dcganvk eval` takes: a checkpoint whose generator
// draws the samples, or a file of images.
type Config struct {
	Checkpoint string
	// Images is a .npy file of images to score instead of a checkpoint's
	// samples.
	Images string
	// N is the number of samples, noise vectors 0..N-1 of Seed.
	N int
	// Seed picks the noise set; nil means the checkpoint's training seed.
	Seed *uint64
	// DataDir holds MNIST's test set and the judge's cache.
	DataDir string
	GPU     gpu.Options
	Version string
}

// Report is the scores of a checkpoint's samples (or of a file's
// images), beside the same scores of MNIST's test images.
type Report struct {
	Checkpoint string `json:"checkpoint,omitempty"`
	Images     string `json:"images,omitempty"`
	Epoch      string `json:"epoch,omitempty"`
	N          int    `json:"n"`
	Seed       uint64 `json:"seed"`
	Device     string `json:"device"`
	Quality
	Real          *score.Classes `json:"mnist_test"`
	JudgeAccuracy float64        `json:"judge_test_accuracy"`
	Seconds       float64        `json:"seconds"`
}

// evaluator holds the generator, in inference mode, and the judge on one
// device, a batch at a time.
type evaluator struct {
	exec    op.Executor
	sampler *dcgan.Sampler
	scorer  *Scorer
}

// Run scores cfg.N samples from the checkpoint's generator, or the images
// of cfg.Images, with the judge (trained and cached on first use) against
// MNIST's test set.
func Run(cfg Config, log io.Writer) (*Report, error) {
	if (cfg.Checkpoint == "") == (cfg.Images == "") {
		return nil, errors.New("give either --checkpoint or --images")
	}
	var ck *checkpoint.File
	var seed uint64
	var images []float32
	var err error
	if cfg.Images != "" {
		if images, cfg.N, err = imageio.ReadImagesNPY(cfg.Images, MaxImages, dcgan.MNIST); err != nil {
			return nil, err
		}
		if cfg.N < 2 {
			return nil, fmt.Errorf("--images %s holds %d image: need at least 2", cfg.Images, cfg.N)
		}
	} else {
		if cfg.N < 2 || cfg.N > MaxImages {
			return nil, fmt.Errorf("--n %d: need 2 to %d", cfg.N, MaxImages)
		}
		if ck, seed, err = (latent.Source{Checkpoint: cfg.Checkpoint, Seed: cfg.Seed}).Open(); err != nil {
			return nil, err
		}
		if geo, err := checkpoint.GeometryOf(ck); err != nil || geo != dcgan.MNIST {
			if err == nil {
				err = fmt.Errorf("it draws %s images, and the judge scores %s ones (IDX data with labels)", geo, dcgan.MNIST)
			}
			return nil, fmt.Errorf("--checkpoint %s: %w", cfg.Checkpoint, err)
		}
	}
	test, err := mnist.LoadLabelledSet(cfg.DataDir, mnist.TestSet)
	if err != nil {
		return nil, err
	}
	judgeCk, err := EnsureJudge(cfg.DataDir, cfg.GPU, cfg.Version, log)
	if err != nil {
		return nil, err
	}
	start := time.Now()
	dev, err := gpu.Open(cfg.GPU)
	if err != nil {
		return nil, err
	}
	defer dev.Close()
	ev, err := newEvaluator(dev, ck, judgeCk, test)
	if err != nil {
		return nil, err
	}
	defer ev.exec.Close()
	rep := &Report{Checkpoint: cfg.Checkpoint, Images: cfg.Images, N: cfg.N, Seed: seed, Device: dev.Info.Name,
		Real: ev.scorer.Real, JudgeAccuracy: ev.scorer.Accuracy}
	var q *Quality
	if ck == nil {
		fmt.Fprintf(log, "eval: scoring the %d images of %s\n", cfg.N, cfg.Images)
		q, err = ev.scorer.score(cfg.N, func(from, to int) ([]float32, error) {
			return images[from*dcgan.MNIST.Pixels() : to*dcgan.MNIST.Pixels()], nil
		})
	} else {
		rep.Epoch = ck.Metadata["epoch"]
		fmt.Fprintf(log, "eval: drawing %d samples from %s and scoring them\n", cfg.N, cfg.Checkpoint)
		q, err = ev.scorer.ScoreSamples(ev.sampler, latent.FixedNoise(seed, cfg.N))
	}
	if err != nil {
		return nil, err
	}
	rep.Quality = *q
	rep.Seconds = time.Since(start).Seconds()
	return rep, nil
}

// EnsureJudge loads the judge cached in dataDir, training it first if
// there is none.
func EnsureJudge(dataDir string, opts gpu.Options, version string, log io.Writer) (*checkpoint.File, error) {
	jc := DefaultJudgeConfig()
	jc.DataDir, jc.GPU, jc.Version = dataDir, opts, version
	ck, err := loadJudge(jc.JudgePath())
	if errors.Is(err, errNoJudge) {
		fmt.Fprintf(log, "no judge in %s yet: training it once (see `dcganvk judge train`)\n", jc.JudgePath())
		if _, err := TrainJudge(jc, log); err != nil {
			return nil, err
		}
		ck, err = loadJudge(jc.JudgePath())
	}
	return ck, err
}

// newEvaluator builds the classifier and, given a checkpoint, the sampler
// at the classifier's batch on one executor, loads the networks' weights
// and classifies the test set.
func newEvaluator(dev *gpu.Device, ck, judgeCk *checkpoint.File, test *mnist.LabelledSet) (ev *evaluator, err error) {
	w := judge.NewWeights("judge")
	classifier, err := judge.NewClassifier(w, ClassifyBatch)
	if err != nil {
		return nil, err
	}
	plans := []*op.Plan{classifier.Plan}
	g, bn := dcgan.NewGenerator("generator", dcgan.MNIST), dcgan.NewGeneratorBN(dcgan.MNIST)
	ev = &evaluator{}
	if ck != nil {
		if ev.sampler, err = dcgan.NewSampler(g, bn, ClassifyBatch); err != nil {
			return nil, err
		}
		plans = append(plans, ev.sampler.Plan)
	}
	if ev.exec, err = vkexec.New(dev, vkexec.Options{}, plans...); err != nil {
		return nil, err
	}
	defer func() {
		if err != nil {
			ev.exec.Close()
		}
	}()
	if ck != nil {
		if err := checkpoint.LoadState(ev.exec, checkpoint.GeneratorTensors(g, bn), ck); err != nil {
			return nil, fmt.Errorf("checkpoint: %w", err)
		}
	}
	if ev.scorer, err = NewScorer(ev.exec, classifier, w, judgeCk, test); err != nil {
		return nil, err
	}
	return ev, nil
}

// WriteTable prints the report as a table.
func (rep *Report) WriteTable(w io.Writer) {
	epoch := rep.Epoch
	if epoch == "" {
		epoch = "?"
	}
	if rep.Images != "" {
		fmt.Fprintf(w, "%s: %d images", rep.Images, rep.N)
	} else {
		fmt.Fprintf(w, "%s (epoch %s): %d samples of seed %d", rep.Checkpoint, epoch, rep.N, rep.Seed)
	}
	fmt.Fprintf(w, " on %s; judge %.2f%% right on MNIST's test set\n\n", rep.Device, 100*rep.JudgeAccuracy)
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
