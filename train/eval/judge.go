package eval

import (
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"dcganvk/gpu"
	"dcganvk/nn/dcgan"
	"dcganvk/nn/judge"
	"dcganvk/nn/op"
	"dcganvk/nn/vkexec"
	"dcganvk/train/checkpoint"
	"dcganvk/train/mnist"
)

// JudgeFile is the name of the judge's weights in the data folder.
const JudgeFile = "judge.safetensors"

// MinJudgeAccuracy is the test-set accuracy a judge of MNIST must reach to
// be cached and used (other labelled data: see JudgeBar).
const MinJudgeAccuracy = 0.99

// JudgeConfig is how the judge is trained.
type JudgeConfig struct {
	DataDir string
	Seed    uint64
	Epochs  int
	Batch   int
	// LR is Adam's peak learning rate; it falls to 0 along a cosine over
	// the run.
	LR      float64
	GPU     gpu.Options
	Version string
}

// DefaultJudgeConfig is the judge every command trains on first use.
func DefaultJudgeConfig() JudgeConfig {
	return JudgeConfig{DataDir: "data/mnist", Seed: 1, Epochs: 6, Batch: 64, LR: 2e-3}
}

// JudgePath is the judge's cache file.
func (c JudgeConfig) JudgePath() string { return filepath.Join(c.DataDir, JudgeFile) }

// JudgeReport is what training the judge gave.
type JudgeReport struct {
	Accuracy float64 `json:"test_accuracy"`
	// Bar is the accuracy the judge had to reach (see JudgeBar).
	Bar     float64 `json:"accuracy_bar"`
	Seconds float64 `json:"train_seconds"`
	Steps   int     `json:"steps"`
	Device  string  `json:"device"`
}

// ClassifyBatch is the batch of the judge's classifier plan.
const ClassifyBatch = 500

// TrainJudge trains the judge on MNIST's training set as cfg says, measures
// its accuracy on the test set and, if it reaches MinJudgeAccuracy, writes
// it atomically to cfg.JudgePath(). Training is deterministic: the same seed
// on the same device gives the same weights.
func TrainJudge(cfg JudgeConfig, log io.Writer) (*JudgeReport, error) {
	if cfg.Epochs < 1 || cfg.Batch < 1 || !(cfg.LR > 0) {
		return nil, fmt.Errorf("judge: --epochs %d --batch %d --lr %g: need positive values", cfg.Epochs, cfg.Batch, cfg.LR)
	}
	set, err := mnist.LoadLabelledSet(cfg.DataDir, mnist.TrainSet)
	if err != nil {
		return nil, err
	}
	test, err := mnist.LoadLabelledSet(cfg.DataDir, mnist.TestSet)
	if err != nil {
		return nil, err
	}
	step, err := judge.NewTrainStep(cfg.Batch, set.Count)
	if err != nil {
		return nil, err
	}
	classifier, err := judge.NewClassifier(step.W, ClassifyBatch)
	if err != nil {
		return nil, err
	}
	dev, err := gpu.Open(cfg.GPU)
	if err != nil {
		return nil, err
	}
	defer dev.Close()
	exec, err := vkexec.New(dev, vkexec.Options{}, step.Plan, classifier.Plan)
	if err != nil {
		return nil, err
	}
	defer exec.Close()
	rep := &JudgeReport{Device: dev.Info.Name}
	start := time.Now()
	if rep.Steps, err = trainJudge(exec, step, set, cfg, log); err != nil {
		return nil, err
	}
	rep.Seconds = time.Since(start).Seconds()
	_, logits, err := classify(exec, classifier, test.Images, test.Count)
	if err != nil {
		return nil, err
	}
	rep.Accuracy, rep.Bar = accuracy(logits, test.Labels), JudgeBar(set, test)
	fmt.Fprintf(log, "judge: %.2f%% of the %d test images right after %d steps (%.0f s on %s); its bar is %.2f%%\n",
		100*rep.Accuracy, test.Count, rep.Steps, rep.Seconds, rep.Device, 100*rep.Bar)
	if rep.Accuracy < rep.Bar {
		return rep, fmt.Errorf("judge: test accuracy %.2f%% is below its bar %.2f%%: not saved (try another --seed or more --epochs)",
			100*rep.Accuracy, 100*rep.Bar)
	}
	ck := &checkpoint.File{Tensors: map[string]checkpoint.Tensor{}, Metadata: map[string]string{
		"seed": strconv.FormatUint(cfg.Seed, 10), "epochs": strconv.Itoa(cfg.Epochs), "batch": strconv.Itoa(cfg.Batch),
		"lr": strconv.FormatFloat(cfg.LR, 'g', -1, 64), "test_accuracy": strconv.FormatFloat(rep.Accuracy, 'f', 4, 64),
		"accuracy_bar":  strconv.FormatFloat(rep.Bar, 'f', 4, 64),
		"train_seconds": strconv.FormatFloat(rep.Seconds, 'f', 1, 64), "device": rep.Device, "version": cfg.Version,
	}}
	if err := checkpoint.ReadState(exec, step.W.Views(), ck); err != nil {
		return nil, err
	}
	if err := checkpoint.Save(cfg.JudgePath(), ck); err != nil {
		return nil, err
	}
	fmt.Fprintf(log, "judge: wrote %s\n", cfg.JudgePath())
	return rep, nil
}

// trainJudge runs cfg.Epochs epochs of the judge's train step, each over a
// fresh shuffle of the set, and returns the steps run.
func trainJudge(exec op.Executor, s *judge.TrainStep, set *mnist.LabelledSet, cfg JudgeConfig, log io.Writer) (int, error) {
	words := make([]uint32, s.Images.Len())
	for i, b := range set.Pixels {
		words[i/4] |= uint32(b) << (8 * (i % 4))
	}
	if err := op.WriteAll(s.W.InitialWeights(cfg.Seed), exec); err != nil {
		return 0, err
	}
	for _, m := range []*judge.Weights{s.Moment1, s.Moment2} {
		if err := exec.Write(m.Flat, make([]float32, m.Flat.Len())); err != nil {
			return 0, err
		}
	}
	if err := exec.Write(s.Images, op.AsFloat32(words)); err != nil {
		return 0, err
	}
	perEpoch := set.Count / cfg.Batch
	total := cfg.Epochs * perEpoch
	labels := make([]uint32, cfg.Batch)
	order := make([]uint32, set.Count)
	fmt.Fprintf(log, "judge: training on MNIST's %d images, %d epochs of %d steps of %d\n", set.Count, cfg.Epochs, perEpoch, cfg.Batch)
	start := time.Now()
	t := 0
	for epoch := 1; epoch <= cfg.Epochs; epoch++ {
		for i, j := range rand.New(rand.NewPCG(cfg.Seed, uint64(epoch))).Perm(set.Count) {
			order[i] = uint32(j)
		}
		if err := exec.Write(s.Order, op.AsFloat32(order)); err != nil {
			return t, err
		}
		for b := range perEpoch {
			t++
			for i := range labels {
				labels[i] = uint32(set.Labels[order[b*cfg.Batch+i]])
			}
			lr := cfg.LR * 0.5 * (1 + math.Cos(math.Pi*float64(t-1)/float64(total)))
			if err := exec.Write(s.Labels, op.AsFloat32(labels)); err != nil {
				return t, err
			}
			params := dcgan.StepParams(uint32(t), cfg.Seed, uint32(b*cfg.Batch), lr)
			if err := exec.Write(s.Params, params.Words()); err != nil {
				return t, err
			}
			if err := exec.Run(s.Plan); err != nil {
				return t, err
			}
			loss, err := exec.Read(s.Loss)
			if err != nil {
				return t, err
			}
			if l := float64(loss[0]); math.IsNaN(l) || math.IsInf(l, 0) {
				return t, fmt.Errorf("judge: the loss is %g at step %d", l, t)
			}
			if t%(max(total/20, 1)) == 0 || t == total {
				fmt.Fprintf(log, "judge: epoch %d step %d/%d loss %.4f (%.0f s)\n", epoch, t, total, loss[0], time.Since(start).Seconds())
			}
		}
	}
	return t, nil
}

// classify runs the classifier over images 0..n-1 of set, a batch at a
// time (the last one padded with blank images), and returns the features
// [n,Hidden] and the logits [n,Classes].
func classify(exec op.Executor, c *judge.Classifier, set *mnist.Images, n int) (features, logits []float32, err error) {
	return classifyFunc(exec, c, n, func(from, to int) ([]float32, error) { return set.Floats(from, to), nil })
}

// classifyFunc is classify over the images that images(from, to) returns,
// from to to-1.
func classifyFunc(exec op.Executor, c *judge.Classifier, n int, images func(from, to int) ([]float32, error)) (features, logits []float32, err error) {
	for from := 0; from < n; from += c.N {
		to := min(from+c.N, n)
		pixels, err := images(from, to)
		if err != nil {
			return nil, nil, err
		}
		batch := make([]float32, c.Images.Len())
		copy(batch, pixels)
		if err := exec.Write(c.Images, batch); err != nil {
			return nil, nil, err
		}
		if err := exec.Run(c.Plan); err != nil {
			return nil, nil, err
		}
		f, err := exec.Read(c.Features)
		if err != nil {
			return nil, nil, err
		}
		l, err := exec.Read(c.Logits)
		if err != nil {
			return nil, nil, err
		}
		features = append(features, f[:(to-from)*judge.Hidden]...)
		logits = append(logits, l[:(to-from)*judge.Classes]...)
	}
	return features, logits, nil
}

// accuracy is the share of rows of logits whose largest entry is the label.
func accuracy(logits []float32, labels []byte) float64 {
	right := 0
	for i, l := range labels {
		if argmax(logits[i*judge.Classes:(i+1)*judge.Classes]) == int(l) {
			right++
		}
	}
	return float64(right) / float64(len(labels))
}

// argmax is the index of the largest element (the first, on a tie).
func argmax(v []float32) int {
	best := 0
	for i, x := range v {
		if x > v[best] {
			best = i
		}
	}
	return best
}

// errNoJudge is returned by loadJudge when the cache file does not exist.
var errNoJudge = errors.New("no judge")

// loadJudge reads the judge's cached weights, or errNoJudge.
func loadJudge(path string) (*checkpoint.File, error) {
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		return nil, errNoJudge
	}
	ck, err := checkpoint.Load(path)
	if err != nil {
		return nil, fmt.Errorf("judge: %w (delete it, or run `dcganvk judge train` to replace it)", err)
	}
	return ck, nil
}
