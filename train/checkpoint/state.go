package checkpoint

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"

	"dcganvk/nn/dcgan"
	"dcganvk/nn/op"
)

// FixedNoiseName is the checkpoint name of the grid's 16 noise vectors.
const FixedNoiseName = "fixed_noise"

// errNoCheckpoint is returned by Latest when a folder holds none.
var errNoCheckpoint = errors.New("no checkpoint")

// namePattern matches checkpoint file names; the number is the epoch.
var namePattern = regexp.MustCompile(`^ckpt-(\d+)\.safetensors$`)

// Name is the file name of the checkpoint written in an epoch.
func Name(epoch int) string { return fmt.Sprintf("ckpt-%04d.safetensors", epoch) }

// Latest returns the path of the checkpoint of the highest epoch in dir,
// or errNoCheckpoint.
func Latest(dir string) (string, error) {
	names, err := List(dir)
	if err != nil {
		return "", err
	}
	if len(names) == 0 {
		return "", errNoCheckpoint
	}
	return filepath.Join(dir, names[len(names)-1]), nil
}

// List returns the names of the checkpoints in dir, by epoch.
func List(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var names []string
	for _, e := range entries {
		if namePattern.MatchString(e.Name()) {
			names = append(names, e.Name())
		}
	}
	sort.Slice(names, func(a, b int) bool { return epochOf(names[a]) < epochOf(names[b]) })
	return names, nil
}

func epochOf(name string) int {
	n, _ := strconv.Atoi(namePattern.FindStringSubmatch(name)[1])
	return n
}

// TrainTensors lists every tensor a checkpoint holds: both networks'
// weights, the batch-norm moving statistics and both optimisers' moments,
// under Keras' names.
func TrainTensors(s *dcgan.TrainStep) []*op.Tensor {
	var ts []*op.Tensor
	for _, g := range []*dcgan.Generator{s.G, s.GMoment1, s.GMoment2} {
		ts = append(ts, g.Views()...)
	}
	for _, d := range []*dcgan.Discriminator{s.D, s.DMoment1, s.DMoment2} {
		ts = append(ts, d.Views()...)
	}
	for _, bn := range s.BN {
		ts = append(ts, bn.MovingMean, bn.MovingVar)
	}
	return ts
}

// GeneratorTensors lists what `generate` needs of a checkpoint.
func GeneratorTensors(g *dcgan.Generator, bn [3]*dcgan.BNState) []*op.Tensor {
	ts := g.Views()
	for _, b := range bn {
		ts = append(ts, b.MovingMean, b.MovingVar)
	}
	return ts
}

// ReadState copies tensors out of an executor into a checkpoint.
func ReadState(e op.Executor, tensors []*op.Tensor, ck *File) error {
	for _, t := range tensors {
		data, err := e.Read(t)
		if err != nil {
			return err
		}
		ck.Tensors[t.Name] = Tensor{Shape: t.Shape, Data: data}
	}
	return nil
}

// LoadState writes a checkpoint's tensors into an executor, checking each
// one's shape.
func LoadState(e op.Executor, tensors []*op.Tensor, ck *File) error {
	for _, t := range tensors {
		data, err := ck.Get(t.Name, t.Shape)
		if err != nil {
			return err
		}
		if err := e.Write(t, data); err != nil {
			return err
		}
	}
	return nil
}
