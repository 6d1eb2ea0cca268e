package judge

import (
	"math/rand/v2"
	"testing"

	"dcganvk/nn/dcgan"
	"dcganvk/nn/op"
	"dcganvk/nn/ref"
)

// TestParameterCount checks the layout against the layer sizes:
// 5·5·1·32+32 + 5·5·32·64+64 + 3136·128+128 + 128·10+10.
func TestParameterCount(t *testing.T) {
	n := 0
	for _, v := range NewWeights("judge").Views() {
		n += v.Len()
	}
	if want := 832 + 51264 + 401536 + 1290; n != want {
		t.Errorf("the judge has %d parameters, want %d", n, want)
	}
}

// TestTrainStepLearns runs the train step on the CPU reference over one
// fixed batch of random images with random labels: the loss must start
// near log 10 and fall well below it as the judge memorises the batch.
func TestTrainStepLearns(t *testing.T) {
	const n = 8
	s, err := NewTrainStep(n, n)
	if err != nil {
		t.Fatal(err)
	}
	exec := ref.New(s.Plan)
	defer exec.Close()
	rng := rand.New(rand.NewPCG(3, 4))
	state := s.W.InitialWeights(5)
	images := make([]uint32, s.Images.Len())
	for i := range images {
		images[i] = rng.Uint32()
	}
	order, labels := make([]uint32, n), make([]uint32, n)
	for i := range order {
		order[i], labels[i] = uint32(i), uint32(rng.IntN(Classes))
	}
	state[s.Images], state[s.Order], state[s.Labels] = op.AsFloat32(images), op.AsFloat32(order), op.AsFloat32(labels)
	if err := op.WriteAll(state, exec); err != nil {
		t.Fatal(err)
	}
	var first, last float32
	for step := uint32(1); step <= 30; step++ {
		if err := exec.Write(s.Params, dcgan.StepParams(step, 1, 0, 1e-3).Words()); err != nil {
			t.Fatal(err)
		}
		if err := exec.Run(s.Plan); err != nil {
			t.Fatal(err)
		}
		loss, err := exec.Read(s.Loss)
		if err != nil {
			t.Fatal(err)
		}
		if step == 1 {
			first = loss[0]
		}
		last = loss[0]
	}
	if first < 1.5 || first > 4 || last > 0.2*first {
		t.Errorf("loss %.4f at step 1 and %.4f at step 30: want about log 10 = 2.30 falling below a fifth of it", first, last)
	}
}
