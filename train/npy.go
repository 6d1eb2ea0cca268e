package train

import (
	"fmt"
	"io"
	"os"

	"github.com/sbinet/npyio"

	"dcganvk/nn/dcgan"
)

// ReadNoiseNPY reads float32 noise vectors [N, 100] from a .npy file.
func ReadNoiseNPY(path string) ([]float32, int, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, 0, fmt.Errorf("noise: %w", err)
	}
	defer f.Close()
	r, err := npyio.NewReader(f)
	if err != nil {
		return nil, 0, fmt.Errorf("noise %s: %w", path, err)
	}
	shape := r.Header.Descr.Shape
	if len(shape) != 2 || shape[1] != dcgan.NoiseDim || shape[0] < 1 || r.Header.Descr.Type != "<f4" {
		return nil, 0, fmt.Errorf("noise %s is %s %v; want float32 (<f4) [N,%d]", path, r.Header.Descr.Type, shape, dcgan.NoiseDim)
	}
	var v []float32
	if err := r.Read(&v); err != nil {
		return nil, 0, fmt.Errorf("noise %s: %w", path, err)
	}
	return v, shape[0], nil
}

// WriteNoiseNPY writes noise vectors as float32 [N, 100].
func WriteNoiseNPY(path string, noise []float32) error {
	rows := make([][dcgan.NoiseDim]float32, len(noise)/dcgan.NoiseDim)
	for i := range rows {
		copy(rows[i][:], noise[i*dcgan.NoiseDim:])
	}
	return writeAtomic(path, func(w io.Writer) error { return npyio.Write(w, rows) })
}

// WriteImagesNPY writes images as float32 [N, 28, 28, 1] in [-1, 1].
func WriteImagesNPY(path string, images []float32) error {
	const size = dcgan.ImageSize
	out := make([][size][size][1]float32, len(images)/(size*size))
	for i := range out {
		for y := 0; y < size; y++ {
			for x := 0; x < size; x++ {
				out[i][y][x][0] = images[(i*size+y)*size+x]
			}
		}
	}
	return writeAtomic(path, func(w io.Writer) error { return npyio.Write(w, out) })
}
