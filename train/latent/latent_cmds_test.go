package latent

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"codeberg.org/sbinet/npyio"

	"dcganvk/gpu/gputest"
	"dcganvk/nn/dcgan"
	"dcganvk/train/checkpoint"
	"dcganvk/train/checkpoint/checkpointtest"
)

// initialCheckpoint is the source of a checkpoint of Keras' initial
// generator (seed 5).
func initialCheckpoint(t *testing.T) Source {
	return Source{Checkpoint: checkpointtest.Generator(t), GPU: gputest.Options()}
}

func readNPY(t *testing.T, path string) ([]float32, []int) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r, err := npyio.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	var v []float32
	if err := r.Read(&v); err != nil {
		t.Fatal(err)
	}
	return v, r.Header.Descr.Shape
}

func TestArithOfOneIndexIsThatImageOfGenerate(t *testing.T) {
	src := initialCheckpoint(t)
	dir := t.TempDir()
	all, one := filepath.Join(dir, "all.npy"), filepath.Join(dir, "one.npy")
	if err := Generate(GenerateConfig{Source: src, N: 64, NPY: all, Numbered: true, PNG: filepath.Join(dir, "g.png")}, &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	if err := Arith(ArithConfig{Source: src, Expr: "12", NPY: one, PNG: filepath.Join(dir, "a.png")}, &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	images, shape := readNPY(t, all)
	row, rowShape := readNPY(t, one)
	if !slices.Equal(shape, []int{64, 28, 28, 1}) || !slices.Equal(rowShape, []int{2, 28, 28, 1}) {
		t.Fatalf("shapes %v and %v", shape, rowShape)
	}
	image12 := images[12*dcgan.MNIST.Pixels() : 13*dcgan.MNIST.Pixels()]
	if !slices.Equal(row[:dcgan.MNIST.Pixels()], image12) || !slices.Equal(row[dcgan.MNIST.Pixels():], image12) {
		t.Fatal("arith \"12\" differs from image 12 of generate --n 64")
	}
}

func TestInterpolateEndsAtItsVectors(t *testing.T) {
	src := initialCheckpoint(t)
	dir := t.TempDir()
	cfg := InterpolateConfig{Source: src, From: 3, To: 7, Steps: 5, PNG: filepath.Join(dir, "p.png"),
		GIF: filepath.Join(dir, "p.gif"), NPY: filepath.Join(dir, "p.npy")}
	if err := Interpolate(cfg, &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	path, _ := readNPY(t, cfg.NPY)
	all := filepath.Join(dir, "all.npy")
	if err := Generate(GenerateConfig{Source: src, N: 8, NPY: all}, &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	images, _ := readNPY(t, all)
	if !slices.Equal(path[:dcgan.MNIST.Pixels()], images[3*dcgan.MNIST.Pixels():4*dcgan.MNIST.Pixels()]) ||
		!slices.Equal(path[4*dcgan.MNIST.Pixels():], images[7*dcgan.MNIST.Pixels():8*dcgan.MNIST.Pixels()]) {
		t.Fatal("the path does not start at image 3 and end at image 7")
	}
	for _, f := range []string{cfg.PNG, cfg.GIF} {
		if fi, err := os.Stat(f); err != nil || fi.Size() == 0 {
			t.Errorf("%s: %v", f, err)
		}
	}
}

func TestLatentCommandsRefuseBadInput(t *testing.T) {
	src := initialCheckpoint(t)
	png := filepath.Join(t.TempDir(), "x.png")
	missing := src
	missing.Checkpoint = filepath.Join(t.TempDir(), "none.safetensors")
	cases := map[string]error{
		"bad expression":  Arith(ArithConfig{Source: src, Expr: "3+(4", PNG: png}, &bytes.Buffer{}),
		"no output":       Arith(ArithConfig{Source: src, Expr: "3"}, &bytes.Buffer{}),
		"index too large": Interpolate(InterpolateConfig{Source: src, From: 0, To: MaxVectorIndex, Steps: 4, PNG: png}, &bytes.Buffer{}),
		"one step":        Interpolate(InterpolateConfig{Source: src, From: 0, To: 1, Steps: 1, PNG: png}, &bytes.Buffer{}),
		"no checkpoint":   Arith(ArithConfig{Source: missing, Expr: "3", PNG: png}, &bytes.Buffer{}),
		"--n 0":           Generate(GenerateConfig{Source: src, N: 0, PNG: png}, &bytes.Buffer{}),
		"--n over cap":    Generate(GenerateConfig{Source: src, N: MaxImages + 1, PNG: png}, &bytes.Buffer{}),
		"--steps 10^7":    Interpolate(InterpolateConfig{Source: src, From: 0, To: 1, Steps: 10_000_000, PNG: png}, &bytes.Buffer{}),
		"18000 operands":  Arith(ArithConfig{Source: src, Expr: strings.Repeat("1+", 18000) + "1", PNG: png}, &bytes.Buffer{}),
		"65 vectors":      Arith(ArithConfig{Source: src, Expr: vectorSum(MaxOperands + 1), PNG: png}, &bytes.Buffer{}),
	}
	for name, err := range cases {
		if err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	if _, err := os.Stat(png); err == nil {
		t.Error("a failed command wrote its PNG")
	}
}

// vectorSum is the expression "0+1+...+(n-1)".
func vectorSum(n int) string {
	terms := make([]string, n)
	for i := range terms {
		terms[i] = strconv.Itoa(i)
	}
	return strings.Join(terms, "+")
}

// editedCheckpoint is src's checkpoint with value i of each tensor named
// in edits set to its edit(i).
func editedCheckpoint(t *testing.T, src Source, edits map[string]func(i int) float32) Source {
	t.Helper()
	ck, err := checkpoint.Load(src.Checkpoint)
	if err != nil {
		t.Fatal(err)
	}
	for tensor, edit := range edits {
		for i := range ck.Tensors[tensor].Data {
			ck.Tensors[tensor].Data[i] = edit(i)
		}
	}
	src.Checkpoint = filepath.Join(t.TempDir(), "ckpt-0002.safetensors")
	if err := checkpoint.Save(src.Checkpoint, ck); err != nil {
		t.Fatal(err)
	}
	return src
}

func TestGenerateSaysWhenTheWeightsDrawNothing(t *testing.T) {
	src := initialCheckpoint(t)
	png := filepath.Join(t.TempDir(), "x.png")
	var log bytes.Buffer
	if err := Generate(GenerateConfig{Source: src, N: 4, PNG: png}, &log); err != nil || strings.Contains(log.String(), "warning") {
		t.Fatalf("healthy weights: %v\n%s", err, log.String())
	}
	if err := Generate(GenerateConfig{Source: editedCheckpoint(t, src, map[string]func(int) float32{"generator/dense/kernel": func(int) float32 { return 0 }}), N: 4, PNG: png}, &log); err != nil ||
		!strings.Contains(log.String(), "all 4 images are the same") {
		t.Errorf("weights that ignore the noise: %v\n%s", err, log.String())
	}
	// Finite weights: inputs of 10 times ±3e38 make +Inf - Inf = NaN in the last layer.
	diverged := editedCheckpoint(t, src, map[string]func(int) float32{
		"generator/bn2/beta":      func(int) float32 { return 10 },
		"generator/convt3/kernel": func(i int) float32 { return float32(1-2*(i%2)) * 3e38 },
	})
	err := Generate(GenerateConfig{Source: diverged, N: 4, PNG: png}, &log)
	if err == nil || !strings.Contains(err.Error(), "NaN or infinite pixels") {
		t.Errorf("weights that draw NaN: %v", err)
	}
}

func TestNoiseFileRoundTrip(t *testing.T) {
	src := initialCheckpoint(t)
	dir := t.TempDir()
	z, bySeed, byFile := filepath.Join(dir, "z.npy"), filepath.Join(dir, "a.npy"), filepath.Join(dir, "b.npy")
	if err := Generate(GenerateConfig{Source: src, N: 3, NPY: bySeed, SaveNoise: z}, &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	noise, shape := readNPY(t, z)
	if !slices.Equal(shape, []int{3, 100}) || !slices.Equal(noise, FixedNoise(5, 3)) {
		t.Fatalf("saved noise %v is not vectors 0-2 of seed 5", shape)
	}
	if err := Generate(GenerateConfig{Source: src, NoisePath: z, NPY: byFile}, &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	a, _ := readNPY(t, bySeed)
	b, _ := readNPY(t, byFile)
	if !slices.Equal(a, b) {
		t.Fatal("images from --noise differ from those of the seed that made it")
	}
	bad := filepath.Join(dir, "bad.npy")
	os.WriteFile(bad, []byte("not npy"), 0o644)
	if err := Generate(GenerateConfig{Source: src, NoisePath: bad, NPY: byFile}, &bytes.Buffer{}); err == nil {
		t.Error("a corrupt noise file was accepted")
	}
}
