// Package checkpointtest writes checkpoints for the tests of the packages
// that read them.
package checkpointtest

import (
	"path/filepath"
	"testing"

	"dcganvk/nn/dcgan"
	"dcganvk/nn/op"
	"dcganvk/train/checkpoint"
)

// Save writes a checkpoint at path of tensors, each holding its values in
// init or zeros, with meta as its metadata; a failure fails t.
func Save(t testing.TB, path string, tensors []*op.Tensor, init map[*op.Tensor][]float32, meta map[string]string) {
	t.Helper()
	ck := &checkpoint.File{Tensors: map[string]checkpoint.Tensor{}, Metadata: meta}
	for _, tensor := range tensors {
		data := init[tensor]
		if data == nil {
			data = make([]float32, tensor.Len())
		}
		ck.Tensors[tensor.Name] = checkpoint.Tensor{Shape: tensor.Shape, Data: data}
	}
	if err := checkpoint.Save(path, ck); err != nil {
		t.Fatal(err)
	}
}

// Generator writes a checkpoint of Keras' initial generator (seed 5, the
// seed its metadata names too) into a new folder and returns its path.
func Generator(t testing.TB) string {
	t.Helper()
	s, err := dcgan.NewTrainStep(dcgan.MNIST, 2, 2)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "ckpt-0001.safetensors")
	Save(t, path, checkpoint.GeneratorTensors(s.G, s.BN), s.InitialState(5), map[string]string{"seed": "5"})
	return path
}
