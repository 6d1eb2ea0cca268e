package checkpoint

import (
	"encoding/binary"
	"fmt"
	"io"
	"math"
	"os"
	"slices"

	"github.com/nlpodyssey/safetensors"

	"dcganvk/nn/op"
	"dcganvk/train/safefile"
)

// maxBytes bounds a checkpoint file, so that a typo or a hostile file is
// refused instead of read whole; dcganvk's own are about 30 MB.
const maxBytes = 256 << 20

// Tensor is a named float32 array with its shape, as a checkpoint holds it.
type Tensor struct {
	Shape []int
	Data  []float32
}

// File is the contents of a safetensors file: tensors by name, and the
// string metadata of its header.
type File struct {
	Tensors  map[string]Tensor
	Metadata map[string]string
}

// Save writes a safetensors file atomically (see safefile.Write): a kill
// at any moment leaves the last good checkpoint intact.
func Save(path string, ck *File) error {
	views := map[string]safetensors.TensorView{}
	for name, t := range ck.Tensors {
		shape := make([]uint64, len(t.Shape))
		for i, d := range t.Shape {
			shape[i] = uint64(d)
		}
		data := make([]byte, 0, 4*len(t.Data))
		for _, v := range t.Data {
			data = binary.LittleEndian.AppendUint32(data, math.Float32bits(v))
		}
		view, err := safetensors.NewTensorView(safetensors.F32, shape, data)
		if err != nil {
			return fmt.Errorf("checkpoint tensor %s: %w", name, err)
		}
		views[name] = view
	}
	return safefile.Write(path, func(w io.Writer) error {
		return safetensors.SerializeToWriter(views, ck.Metadata, w)
	})
}

// Load reads a safetensors file of float32 tensors, refusing a file over
// maxBytes, a truncated file, a bad header and non-finite weights with an
// error naming the file.
func Load(path string) (*File, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("checkpoint: %w", err)
	}
	defer f.Close()
	raw, err := io.ReadAll(io.LimitReader(f, maxBytes+1))
	if err != nil {
		return nil, fmt.Errorf("checkpoint %s: %w", path, err)
	}
	if len(raw) > maxBytes {
		return nil, fmt.Errorf("checkpoint %s is larger than %d MiB: not a dcganvk checkpoint", path, maxBytes>>20)
	}
	ck, err := parse(raw)
	if err != nil {
		return nil, fmt.Errorf("checkpoint %s: %w", path, err)
	}
	return ck, nil
}

// parse decodes a whole safetensors file of finite float32 tensors.
func parse(raw []byte) (*File, error) {
	st, err := safetensors.Deserialize(raw)
	if err != nil {
		return nil, fmt.Errorf("not a valid safetensors file: %w", err)
	}
	_, meta, err := safetensors.ReadMetadata(raw)
	if err != nil {
		return nil, fmt.Errorf("bad header: %w", err)
	}
	ck := &File{Tensors: map[string]Tensor{}, Metadata: meta.Metadata()}
	for _, nt := range st.Tensors() {
		tv := nt.TensorView
		if tv.DType() != safetensors.F32 {
			return nil, fmt.Errorf("tensor %s is %s, not F32", nt.Name, tv.DType())
		}
		t := Tensor{Data: make([]float32, len(tv.Data())/4)}
		for _, d := range tv.Shape() {
			t.Shape = append(t.Shape, int(d))
		}
		if _, err := binary.Decode(tv.Data(), binary.LittleEndian, t.Data); err != nil {
			return nil, fmt.Errorf("tensor %s: %w", nt.Name, err)
		}
		if bad := op.NonFinite(t.Data); bad > 0 {
			return nil, fmt.Errorf("tensor %s holds %d NaN or infinite values of %d: the run had diverged when it was saved", nt.Name, bad, len(t.Data))
		}
		ck.Tensors[nt.Name] = t
	}
	return ck, nil
}

// Get returns the named tensor, checking that it has the expected shape.
func (ck *File) Get(name string, shape []int) ([]float32, error) {
	t, ok := ck.Tensors[name]
	if !ok {
		return nil, fmt.Errorf("checkpoint has no tensor %s", name)
	}
	if !slices.Equal(t.Shape, shape) {
		return nil, fmt.Errorf("checkpoint tensor %s has shape %v, the model needs %v", name, t.Shape, shape)
	}
	return t.Data, nil
}
