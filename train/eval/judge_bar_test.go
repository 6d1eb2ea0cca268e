package eval

import (
	"math"
	"testing"

	"dcganvk/train/mnist"
)

// onePixelSet is a labelled set of 3x1 images: image i lights pixel
// shown[i] and is labelled labels[i].
func onePixelSet(shown, labels []byte) *mnist.LabelledSet {
	pixels := make([]byte, 3*len(shown))
	for i, p := range shown {
		pixels[3*i+int(p)] = 255
	}
	return &mnist.LabelledSet{Images: &mnist.Images{Count: len(shown), Rows: 3, Cols: 1, Pixels: pixels}, Labels: labels}
}

// TestJudgeBarOfOtherDataIsHalfwayFromTheNearestMean: the class means of
// the training set light one pixel each; 8 of the 10 test images are
// labelled by the pixel they light, so the nearest mean gets 80% and the
// bar is 90%.
func TestJudgeBarOfOtherDataIsHalfwayFromTheNearestMean(t *testing.T) {
	set := onePixelSet([]byte{0, 1, 2, 0, 1, 2}, []byte{0, 1, 2, 0, 1, 2})
	test := onePixelSet([]byte{0, 1, 2, 0, 1, 2, 0, 1, 2, 0}, []byte{0, 1, 2, 0, 1, 2, 0, 1, 0, 1})
	if got := JudgeBar(set, test); math.Abs(got-0.9) > 1e-12 {
		t.Fatalf("bar %v, want 0.9", got)
	}
}
