package dcgan

import (
	"math"
	"testing"

	"dcganvk/nn/op"
)

// The parameter counts Keras' model.summary() prints for the notebook's models.
const (
	kerasGeneratorTrainable    = 2305472
	kerasGeneratorNonTrainable = 25472
	kerasDiscriminatorParams   = 212865
)

func sumLen(ts []*op.Tensor) int {
	n := 0
	for _, t := range ts {
		n += t.Len()
	}
	return n
}

func TestParameterCountsMatchKeras(t *testing.T) {
	s, err := NewTrainStep(MNIST, 4, 10)
	if err != nil {
		t.Fatal(err)
	}
	if n := sumLen(s.G.Views()); n != kerasGeneratorTrainable {
		t.Errorf("generator has %d trainable parameters, Keras %d", n, kerasGeneratorTrainable)
	}
	moving := 0
	for _, bn := range s.BN {
		moving += bn.MovingMean.Len() + bn.MovingVar.Len()
	}
	if moving != kerasGeneratorNonTrainable {
		t.Errorf("generator has %d moving statistics, Keras %d", moving, kerasGeneratorNonTrainable)
	}
	if n := sumLen(s.D.Views()); n != kerasDiscriminatorParams {
		t.Errorf("discriminator has %d parameters, Keras %d", n, kerasDiscriminatorParams)
	}
}

func TestViewsAreAlignedAndDisjoint(t *testing.T) {
	g := NewGenerator("g", MNIST)
	end := 0
	for _, v := range g.Views() {
		if v.Offset%op.ViewAlign != 0 || v.Offset < end || v.Base != g.Flat {
			t.Fatalf("view %s at %d (previous ended at %d)", v, v.Offset, end)
		}
		end = v.Offset + v.Len()
	}
	if end > g.Flat.Len() {
		t.Fatalf("views end at %d past the flat buffer's %d", end, g.Flat.Len())
	}
}

func TestGlorotLimit(t *testing.T) {
	s, err := NewTrainStep(MNIST, 2, 2)
	if err != nil {
		t.Fatal(err)
	}
	init := s.InitialState(7)
	// Dense [100,12544]: limit sqrt(6/(100+12544)); conv [5,5,64,128]: sqrt(6/(25*(64+128))).
	for _, c := range []struct {
		t     *op.Tensor
		limit float64
	}{{s.G.Dense, math.Sqrt(6.0 / 12644)}, {s.D.Conv2, math.Sqrt(6.0 / (25 * 192))}} {
		maxAbs := 0.0
		for _, v := range init[c.t] {
			maxAbs = math.Max(maxAbs, math.Abs(float64(v)))
		}
		if maxAbs > c.limit || maxAbs < 0.99*c.limit {
			t.Errorf("%s: largest |w| %.5f, limit %.5f", c.t.Name, maxAbs, c.limit)
		}
	}
}

func TestStepParamsBiasCorrection(t *testing.T) {
	// Step 1: lr·sqrt(1-0.999)/(1-0.9) = 1e-4·0.0316228/0.1.
	p := StepParams(1, 5, 0, 1e-4)
	if want := float32(1e-4 * math.Sqrt(0.001) / 0.1); p.LRGen != want || p.LRDisc != want {
		t.Fatalf("lr_t %v %v, want %v", p.LRGen, p.LRDisc, want)
	}
}

func TestBadBatchIsRefused(t *testing.T) {
	for _, c := range [][2]int{{0, 10}, {1, 10}, {8, 4}} {
		if _, err := NewTrainStep(MNIST, c[0], c[1]); err == nil {
			t.Errorf("batch %d of %d images accepted", c[0], c[1])
		}
	}
}
