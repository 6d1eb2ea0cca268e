package check

import (
	"go/ast"
	"go/parser"
	"go/token"
	"math/rand/v2"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"dcganvk/gpu"
	"dcganvk/nn/dcgan"
	"dcganvk/nn/op"
)

// opTypeNames are the types of package nn/op with a Kernel method: its ops,
// read from the source so that a new op cannot be missed.
func opTypeNames(t *testing.T) []string {
	t.Helper()
	paths, err := filepath.Glob("../op/*.go")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, path := range paths {
		if strings.HasSuffix(path, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			fn, ok := d.(*ast.FuncDecl)
			if !ok || fn.Recv == nil || fn.Name.Name != "Kernel" {
				continue
			}
			if star, ok := fn.Recv.List[0].Type.(*ast.StarExpr); ok {
				names = append(names, star.X.(*ast.Ident).Name)
			}
		}
	}
	sort.Strings(names)
	return names
}

// sampleOps is one op of every kind the model uses, at a small batch, and
// those it does not use (the uniform random fill, the preview grid, plain
// dropout, the judge's softmax cross-entropy).
func sampleOps(t *testing.T) []op.Op {
	t.Helper()
	step, err := dcgan.NewTrainStep(dcgan.MNIST, 3, 5)
	if err != nil {
		t.Fatal(err)
	}
	sampler, err := dcgan.NewSampler(step.G, step.BN, 2)
	if err != nil {
		t.Fatal(err)
	}
	grid := &op.GridPixels{N: 5, Size: 3, Channels: 1, Cols: 2, Scale: 3, Gap: 1, Background: 64}
	grid.Images = op.NewF32("images", grid.N, grid.Size, grid.Size)
	grid.Pixels = &op.Tensor{Name: "pixels", Shape: []int{grid.Width() * grid.Height()}, Type: op.U32}
	uniform := &op.RandomFill{Params: op.NewParams("params"), Y: op.NewF32("y", 37), N: 37, Stream: 3}
	dropout := &op.Dropout{In: op.NewF32("in", 41), Params: op.NewParams("params"), Out: op.NewF32("out", 41),
		N: 41, Rate: 0.3, Stream: 2}
	xent := &op.SoftmaxXent{Logits: op.NewF32("logits", 6, 10), N: 6, C: 10,
		Labels: &op.Tensor{Name: "labels", Shape: []int{6}, Type: op.U32, Kind: op.Index, Bound: 10},
		Loss:   op.NewF32("loss", 1), Grad: op.NewF32("grad", 6, 10)}
	ops := append(append([]op.Op{}, step.Plan.Ops...), sampler.Plan.Ops...)
	return append(ops, grid, uniform, dropout, xent)
}

// TestEveryOpRunsOnBothExecutors finds every op type of nn/op and runs one
// op of each through the Vulkan executor and the CPU reference, with the
// kernels a CPU device gets and with those a GPU gets (tiled convolutions,
// split filter gradients, two-stage reductions, the row matvec, the
// device-local step parameters): an op type that either executor lacks, or
// that no sample covers, fails here. make test-gpuav runs it under
// GPU-assisted validation.
func TestEveryOpRunsOnBothExecutors(t *testing.T) {
	dev := openDevice(t)
	rng := rand.New(rand.NewPCG(71, 72))
	byType := map[string]op.Op{}
	for _, o := range sampleOps(t) {
		name := reflect.TypeOf(o).Elem().Name()
		if byType[name] == nil {
			byType[name] = o
		}
	}
	names := opTypeNames(t)
	if len(names) < 20 {
		t.Fatalf("found only %d op types in nn/op: %v", len(names), names)
	}
	for _, kind := range []gpu.DeviceType{gpu.CPU, gpu.Discrete} {
		dev.Info.Type = kind
		for _, name := range names {
			o := byType[name]
			if o == nil {
				t.Errorf("no sample of op type %s: add one to sampleOps", name)
				continue
			}
			t.Run(string(kind)+"/"+name, func(t *testing.T) { expectMatch(t, dev, o, rng, nil, DefaultThreshold) })
		}
	}
}
