// Package checkpointtest writes checkpoints for the tests of the packages
// that read them.
package checkpointtest

import (
	"path/filepath"
	"testing"

	"dcganvk/nn/dcgan"
	"dcganvk/train/checkpoint"
)

// Generator writes a checkpoint of Keras' initial generator (seed 5, the
// seed its metadata names too) into a new folder and returns its path.
func Generator(t testing.TB) string {
	t.Helper()
	s, err := dcgan.NewTrainStep(2, 2)
	if err != nil {
		t.Fatal(err)
	}
	init := s.InitialState(5)
	ck := &checkpoint.File{Tensors: map[string]checkpoint.Tensor{}, Metadata: map[string]string{"seed": "5"}}
	for _, tensor := range checkpoint.GeneratorTensors(s.G, s.BN) {
		data := init[tensor]
		if data == nil {
			data = make([]float32, tensor.Len())
		}
		ck.Tensors[tensor.Name] = checkpoint.Tensor{Shape: tensor.Shape, Data: data}
	}
	path := filepath.Join(t.TempDir(), "ckpt-0001.safetensors")
	if err := checkpoint.Save(path, ck); err != nil {
		t.Fatal(err)
	}
	return path
}
