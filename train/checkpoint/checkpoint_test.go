package checkpoint

import (
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func sampleCheckpoint() *File {
	return &File{
		Tensors: map[string]Tensor{
			"generator/dense/kernel":   {Shape: []int{2, 3}, Data: []float32{1, -2, 3.5, 4, 5, 6}},
			"discriminator/dense/bias": {Shape: []int{1}, Data: []float32{-0.25}},
		},
		Metadata: map[string]string{"epoch": "3", "seed": "7"},
	}
}

func TestCheckpointRoundTrip(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ckpt-0003.safetensors")
	if err := Save(path, sampleCheckpoint()); err != nil {
		t.Fatal(err)
	}
	ck, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	got, err := ck.Get("generator/dense/kernel", []int{2, 3})
	if err != nil || got[2] != 3.5 || got[5] != 6 {
		t.Fatalf("kernel %v, %v", got, err)
	}
	if ck.Metadata["epoch"] != "3" || ck.Metadata["seed"] != "7" {
		t.Fatalf("metadata %v", ck.Metadata)
	}
	if _, err := ck.Get("generator/dense/kernel", []int{3, 2}); err == nil {
		t.Error("a tensor of another shape was accepted")
	}
	if _, err := ck.Get("generator/missing", []int{1}); err == nil {
		t.Error("a missing tensor was accepted")
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	if len(entries) != 1 {
		t.Errorf("temporary files left behind: %v", entries)
	}
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o644 {
		t.Errorf("checkpoint mode %v, %v", fi.Mode(), err)
	}
}

func TestCheckpointRejectsDamage(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "good.safetensors")
	if err := Save(path, sampleCheckpoint()); err != nil {
		t.Fatal(err)
	}
	raw, _ := os.ReadFile(path)
	bad := map[string][]byte{
		"truncated":  raw[:len(raw)-3],
		"bad header": append([]byte{8, 0, 0, 0, 0, 0, 0, 0}, []byte("{notjson")...),
		"empty":      {},
	}
	for name, data := range bad {
		p := filepath.Join(dir, name)
		os.WriteFile(p, data, 0o644)
		if _, err := Load(p); err == nil || !strings.Contains(err.Error(), p) {
			t.Errorf("%s: %v", name, err)
		}
	}
}

func TestFailedSaveKeepsTheOldCheckpoint(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "ckpt.safetensors")
	if err := Save(path, sampleCheckpoint()); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(path)
	broken := &File{Tensors: map[string]Tensor{"x": {Shape: []int{5}, Data: []float32{1}}}}
	if err := Save(path, broken); err == nil {
		t.Fatal("a tensor whose data does not fit its shape was saved")
	}
	after, _ := os.ReadFile(path)
	if string(before) != string(after) {
		t.Fatal("a failed save changed the last good checkpoint")
	}
}

func TestCheckpointOfNonFiniteWeightsIsRefused(t *testing.T) {
	for _, v := range []float32{float32(math.NaN()), float32(math.Inf(-1))} {
		ck := sampleCheckpoint()
		ck.Tensors["generator/dense/kernel"].Data[4] = v
		path := filepath.Join(t.TempDir(), "ckpt-0001.safetensors")
		if err := Save(path, ck); err != nil {
			t.Fatal(err)
		}
		_, err := Load(path)
		if err == nil || !strings.Contains(err.Error(), "generator/dense/kernel") || !strings.Contains(err.Error(), path) {
			t.Errorf("weights holding %v: %v", v, err)
		}
	}
}

func TestEndlessCheckpointIsRefused(t *testing.T) {
	done := make(chan error, 1)
	go func() {
		_, err := Load("/dev/zero")
		done <- err
	}()
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), "larger than") {
			t.Fatalf("/dev/zero as a checkpoint: %v", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("reading /dev/zero as a checkpoint did not stop")
	}
}
