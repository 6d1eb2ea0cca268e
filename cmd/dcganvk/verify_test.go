package main

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"codeberg.org/sbinet/npyio"

	"dcganvk/nn/dcgan"
	"dcganvk/nn/ref"
)

// TestVerifySmallBatch runs the whole verify command at batch 2 under
// validation: every kernel listed and passing, the step passing, exit 0;
// and checks the step it dumps (see checkDump).
func TestVerifySmallBatch(t *testing.T) {
	dir := t.TempDir()
	out, errOut, code := runCLI(t, []string{"DCGANVK_VALIDATE=1"}, "verify", "--cpu-ref", "--batch", "2", "--json",
		"--dump", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var rep struct {
		Device  string `json:"device"`
		Kernels []struct {
			Name string  `json:"name"`
			NMSE float64 `json:"nmse"`
			Pass bool    `json:"pass"`
		} `json:"kernels"`
		Step struct {
			MaxRelDiff float64 `json:"max_rel_diff"`
			Pass       bool    `json:"pass"`
		} `json:"step"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("%v in %s", err, out)
	}
	names := map[string]bool{}
	for _, k := range rep.Kernels {
		names[k.Name] = true
		if !k.Pass {
			t.Errorf("%s failed: NMSE %g", k.Name, k.NMSE)
		}
	}
	for _, want := range []string{"matmul", "conv2d_fwd", "conv2d_bwd_input", "conv2d_bwd_filter", "conv2d_transpose_fwd",
		"conv2d_transpose_bwd_input", "conv2d_transpose_bwd_filter", "batchnorm_train_fwd", "batchnorm_infer_fwd",
		"batchnorm_bwd", "bias_add", "bias_grad", "relu_fwd", "relu_bwd", "bias_leaky_dropout", "dropout_leaky_bwd",
		"tanh_fwd", "tanh_bwd", "concat", "random_normal", "bce_logits", "adam", "gather_images"} {
		if !names[want] {
			t.Errorf("verify did not check %s", want)
		}
	}
	if !rep.Step.Pass || rep.Device == "" {
		t.Errorf("step: %+v, device %q", rep.Step, rep.Device)
	}
	checkDump(t, dir, 2, 1)
}

// readNPY reads a float32 .npy file of a dump and checks its shape.
func readNPY(t *testing.T, dir, rel string, shape []int) []float32 {
	t.Helper()
	f, err := os.Open(filepath.Join(dir, rel))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r, err := npyio.NewReader(f)
	if err != nil {
		t.Fatalf("%s: %v", rel, err)
	}
	if !slices.Equal(r.Header.Descr.Shape, shape) || strings.Trim(r.Header.Descr.Type, "'") != "<f4" {
		t.Fatalf("%s: %s %v, want <f4 %v", rel, r.Header.Descr.Type, r.Header.Descr.Shape, shape)
	}
	var v []float32
	if err := r.Read(&v); err != nil {
		t.Fatalf("%s: %v", rel, err)
	}
	return v
}

// checkDump checks a `verify --dump` folder: every parameter of G and D with
// its files in Keras' shapes, the noise of the dumped step's parameters,
// 0/1 dropout masks, finite losses, parameters that the update moved, and
// the activations, whose logits give the losses.
func checkDump(t *testing.T, dir string, batch int, seed uint64) {
	raw, err := os.ReadFile(filepath.Join(dir, "index.json"))
	if err != nil {
		t.Fatal(err)
	}
	var idx dumpIndex
	if err := json.Unmarshal(raw, &idx); err != nil {
		t.Fatal(err)
	}
	s, err := dcgan.NewTrainStep(dcgan.MNIST, batch, 2*batch+7)
	if err != nil {
		t.Fatal(err)
	}
	views := append(s.G.Views(), s.D.Views()...)
	if len(idx.Parameters) != len(views) || idx.Step != dumpWarmup+1 || idx.Batch != batch {
		t.Fatalf("%d parameters, step %d, batch %d", len(idx.Parameters), idx.Step, idx.Batch)
	}
	for i, p := range idx.Parameters {
		shape := views[i].Shape
		before, after := readNPY(t, dir, p.Value, shape), readNPY(t, dir, p.Updated, shape)
		for _, f := range []string{p.M, p.V, p.Gradient, p.MUpdated, p.VUpdated} {
			readNPY(t, dir, f, shape)
		}
		if p.Name != views[i].Name || slices.Equal(before, after) {
			t.Errorf("parameter %d: %s (want %s), changed by the update: %v", i, p.Name, views[i].Name,
				!slices.Equal(before, after))
		}
	}
	// The device's noise is the reference's Philox normals to the rounding of log and cos.
	want := make([]float32, batch*dcgan.NoiseDim)
	ref.RandomNormal(dcgan.StepParams(idx.Step, seed, 0, dcgan.AdamLR), dcgan.StreamNoise, want)
	got := readNPY(t, dir, idx.Inputs["noise"].File, []int{batch, dcgan.NoiseDim})
	for i := range want {
		if math.Abs(float64(got[i]-want[i])) > 1e-4 {
			t.Fatalf("noise[%d] = %v, the step's stream gives %v", i, got[i], want[i])
		}
	}
	readNPY(t, dir, idx.Inputs["real"].File, []int{batch, dcgan.MNIST.Size, dcgan.MNIST.Size, 1})
	if len(idx.Masks) != 4 {
		t.Fatalf("%d dropout masks, want 4", len(idx.Masks))
	}
	for name, m := range idx.Masks {
		kept := 0
		for _, v := range readNPY(t, dir, m.File, m.Shape) {
			if v != 0 && v != 1 {
				t.Fatalf("mask %s holds %v", name, v)
			}
			kept += int(v)
		}
		if n := len(readNPY(t, dir, m.File, m.Shape)); kept < n/2 || kept == n {
			t.Errorf("mask %s keeps %d of %d", name, kept, n)
		}
	}
	for name, l := range idx.Losses {
		if !(l > 0 && l < 10) {
			t.Errorf("loss %s = %v", name, l)
		}
	}
	if len(idx.Activations) != len(activationNames) {
		t.Fatalf("%d activations, want %d", len(idx.Activations), len(activationNames))
	}
	for name, a := range idx.Activations {
		readNPY(t, dir, a.File, a.Shape)
		if a.Shape[0] != batch && a.Shape[0] != 2*batch {
			t.Errorf("activation %s has shape %v", name, a.Shape)
		}
	}
	// The dumped logits are the ones the losses came from: the real batch's
	// first, then the fake batch's.
	logit := idx.Activations["discriminator/logit"]
	logits := readNPY(t, dir, logit.File, []int{2 * batch, 1})
	var real, fake float64
	for i := range batch {
		real += math.Log1p(math.Exp(-float64(logits[i]))) / float64(batch)
		fake += math.Log1p(math.Exp(-float64(logits[batch+i]))) / float64(batch)
	}
	if math.Abs(real-float64(idx.Losses["discriminator_real"])) > 1e-5 || math.Abs(fake-float64(idx.Losses["generator"])) > 1e-5 {
		t.Errorf("BCE of the dumped logits: real %v, fake as real %v; the losses say %v and %v",
			real, fake, idx.Losses["discriminator_real"], idx.Losses["generator"])
	}
}

func TestVerifyNeedsCPURef(t *testing.T) {
	if _, _, code := runCLI(t, nil, "verify", "--batch", "2"); code == 0 {
		t.Fatal("verify without --cpu-ref succeeded")
	}
}
