package score

import (
	"math"
	"strings"
	"testing"
)

// logitsOf makes rows of 10 logits, each sure (logit 50) of one class.
func logitsOf(classes ...int) []float32 {
	out := make([]float32, 10*len(classes))
	for i, c := range classes {
		out[i*10+c] = 50
	}
	return out
}

func TestClassesOfSureBalancedSamples(t *testing.T) {
	var classes []int
	for i := range 100 {
		classes = append(classes, i%10)
	}
	c, err := NewClasses(logitsOf(classes...), 10)
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(c.Score-10) > 1e-9 || math.Abs(c.Confidence-1) > 1e-9 || c.Coverage != 10 {
		t.Errorf("score %g confidence %g coverage %d, want 10, 1 and 10", c.Score, c.Confidence, c.Coverage)
	}
	if alarm := CollapseAlarm(c); alarm != "" {
		t.Errorf("alarm on balanced samples: %s", alarm)
	}
}

func TestClassesOfCollapsedSamples(t *testing.T) {
	c, err := NewClasses(logitsOf(3, 3, 3, 3, 3, 3, 3, 1), 10)
	if err != nil {
		t.Fatal(err)
	}
	// Shares 7/8 and 1/8; each sample sure: score = exp(H(shares)).
	h := -(7.0/8*math.Log(7.0/8) + 1.0/8*math.Log(1.0/8))
	if math.Abs(c.Score-math.Exp(h)) > 1e-9 || c.Coverage != 2 || c.Shares[3] != 7.0/8 {
		t.Errorf("score %g coverage %d shares %v, want %g, 2 and 7/8 for digit 3", c.Score, c.Coverage, c.Shares, math.Exp(h))
	}
	alarm := CollapseAlarm(c)
	if !strings.Contains(alarm, "only 2 of 10 digits") || !strings.Contains(alarm, "digit 3 takes 88%") || strings.Contains(alarm, "\n") {
		t.Errorf("alarm %q: want one line naming the coverage and digit 3's share", alarm)
	}
}

func TestClassesOfUncertainSamples(t *testing.T) {
	c, err := NewClasses(make([]float32, 40), 10)
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(c.Score-1) > 1e-12 || math.Abs(c.Confidence-0.1) > 1e-12 {
		t.Errorf("equal logits: score %g confidence %g, want 1 and 0.1", c.Score, c.Confidence)
	}
	if _, err := NewClasses(make([]float32, 15), 10); err == nil {
		t.Error("15 logits as rows of 10 accepted")
	}
}

// TestAlarmOnOneLargeShare: ten digits covered, but one takes over 40%.
func TestAlarmOnOneLargeShare(t *testing.T) {
	classes := []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}
	for range 8 {
		classes = append(classes, 5)
	}
	c, err := NewClasses(logitsOf(classes...), 10)
	if err != nil {
		t.Fatal(err)
	}
	if alarm := CollapseAlarm(c); c.Coverage != 10 || !strings.Contains(alarm, "digit 5 takes 50%") || strings.Contains(alarm, "only") {
		t.Errorf("coverage %d alarm %q: want 10 digits and an alarm for digit 5 alone", c.Coverage, alarm)
	}
}
