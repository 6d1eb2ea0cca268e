package main

import (
	"encoding/json"
	"testing"
)

// TestVerifySmallBatch runs the whole verify command at batch 2 under
// validation: every kernel listed and passing, the step passing, exit 0.
func TestVerifySmallBatch(t *testing.T) {
	out, errOut, code := runCLI(t, []string{"DCGANVK_VALIDATE=1"}, "verify", "--cpu-ref", "--batch", "2", "--json")
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
}

func TestVerifyNeedsCPURef(t *testing.T) {
	if _, _, code := runCLI(t, nil, "verify", "--batch", "2"); code == 0 {
		t.Fatal("verify without --cpu-ref succeeded")
	}
}
