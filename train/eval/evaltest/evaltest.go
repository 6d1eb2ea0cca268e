// Package evaltest writes what eval reads, a labelled MNIST data folder
// and a cached judge, for the tests of eval and of the training that
// evaluates as it goes.
package evaltest

import (
	"math/rand/v2"
	"testing"

	"dcganvk/internal/filetest"
	"dcganvk/nn/judge"
	"dcganvk/train/checkpoint/checkpointtest"
	"dcganvk/train/mnist"
	"dcganvk/train/mnist/mnisttest"
)

// LabelledMNIST writes a data folder of random images and labels, train
// images in the training set and test in the test set, and returns it.
func LabelledMNIST(t testing.TB, train, test int) string {
	t.Helper()
	dir := t.TempDir()
	rng := rand.New(rand.NewPCG(8, 9))
	for _, set := range []struct {
		name  string
		count int
	}{{mnist.TrainSet, train}, {mnist.TestSet, test}} {
		images := mnisttest.Header(mnisttest.ImagesMagic, set.count, 28, 28)
		labels := make([]byte, set.count)
		for i := range labels {
			labels[i] = byte(rng.IntN(10))
		}
		for range set.count * 784 {
			images = append(images, byte(rng.IntN(256)))
		}
		filetest.Write(t, dir, set.name+"-images-idx3-ubyte.gz", mnisttest.Gzip(images))
		filetest.Write(t, dir, set.name+"-labels-idx1-ubyte.gz", mnisttest.Gzip(mnisttest.Labels(set.count, labels...)))
	}
	return dir
}

// RandomJudge writes a judge of initial weights (seed 4) at path, where
// eval looks for its cached judge.
func RandomJudge(t testing.TB, path string) {
	t.Helper()
	w := judge.NewWeights("judge")
	checkpointtest.Save(t, path, w.Views(), w.InitialWeights(4), map[string]string{})
}
