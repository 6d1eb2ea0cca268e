package eval

import (
	"crypto/sha256"
	"encoding/hex"

	"dcganvk/train/mnist"
)

// mnistTestLabels is the SHA-256 of MNIST's 10,000 test labels (the bytes
// after the IDX header): the data whose judge must reach MinJudgeAccuracy.
const mnistTestLabels = "ddeff807876a9661a1110d45c266c86239a3a1b7d37da0c3716a7a683c852ff5"

// JudgeBar is the test accuracy a judge trained on set must reach: MNIST's
// MinJudgeAccuracy for MNIST, and for any other labelled IDX data (such as
// Fashion-MNIST or KMNIST) its own bar, halfway from the accuracy of the
// nearest class mean (a classifier with nothing to learn) to 100%.
func JudgeBar(set, test *mnist.LabelledSet) float64 {
	sum := sha256.Sum256(test.Labels)
	if hex.EncodeToString(sum[:]) == mnistTestLabels {
		return MinJudgeAccuracy
	}
	return (1 + nearestMeanAccuracy(set, test)) / 2
}

// nearestMeanAccuracy is the share of test images whose nearest class mean
// of set's images (by squared distance) is their label's.
func nearestMeanAccuracy(set, test *mnist.LabelledSet) float64 {
	pixels := set.Rows * set.Cols
	var means [256][]float64
	var counts [256]int
	for i, label := range set.Labels {
		if means[label] == nil {
			means[label] = make([]float64, pixels)
		}
		for p, v := range set.Pixels[i*pixels : (i+1)*pixels] {
			means[label][p] += float64(v)
		}
		counts[label]++
	}
	for label, m := range means {
		for p := range m {
			m[p] /= float64(counts[label])
		}
	}
	right := 0
	for i, label := range test.Labels {
		image := test.Pixels[i*pixels : (i+1)*pixels]
		best, bestDist := -1, 0.0
		for class, m := range means {
			if m == nil {
				continue
			}
			dist := 0.0
			for p, v := range image {
				d := float64(v) - m[p]
				dist += d * d
			}
			if best < 0 || dist < bestDist {
				best, bestDist = class, dist
			}
		}
		if best == int(label) {
			right++
		}
	}
	return float64(right) / float64(len(test.Labels))
}
