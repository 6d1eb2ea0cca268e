// Package check runs one op, or a whole plan, on a Vulkan device and on the
// CPU reference from the same random inputs, and measures how far apart the
// results are. Tests and `dcganvk verify` both use it.
package check

import (
	"fmt"
	"math"
	"math/rand/v2"
	"time"

	"dcganvk/gpu"
	"dcganvk/nn/op"
	"dcganvk/nn/ref"
	"dcganvk/nn/vkexec"
)

// DefaultThreshold is the largest normalized MSE a kernel may reach.
const DefaultThreshold = 1e-9

// Result is how one op's device outputs compare with the CPU reference.
type Result struct {
	Name      string  `json:"name"`
	Shape     string  `json:"shape"`
	MaxAbsErr float64 `json:"max_abs_err"`
	NMSE      float64 `json:"nmse"`
	Threshold float64 `json:"threshold"`
	Pass      bool    `json:"pass"`
	DeviceMS  float64 `json:"device_ms"`
	CPUMS     float64 `json:"cpu_ms"`
	// Worst names the output tensor with the largest NMSE.
	Worst string `json:"worst_tensor"`
	// Deterministic tells whether a second device run from the same inputs
	// gave the same bits.
	Deterministic bool `json:"deterministic"`
}

// Diff is the distance between a device tensor and its reference.
type Diff struct {
	MaxAbsErr float64
	// NMSE is Σ(d-r)² / Σr² (Σd² when the reference is all zero); NaN or
	// +Inf when the device output holds a NaN or an infinity the reference
	// does not.
	NMSE float64
}

// Compare measures the distance of got from want.
func Compare(got, want []float32) Diff {
	var num, den, dev, maxAbs float64
	for i := range want {
		g, w := float64(got[i]), float64(want[i])
		if math.IsNaN(g) != math.IsNaN(w) || math.IsInf(g, 0) != math.IsInf(w, 0) {
			return Diff{MaxAbsErr: math.Inf(1), NMSE: math.NaN()}
		}
		if math.IsNaN(w) || math.IsInf(w, 0) {
			continue
		}
		d := g - w
		num += d * d
		den += w * w
		dev += g * g
		maxAbs = math.Max(maxAbs, math.Abs(d))
	}
	nmse := 0.0
	switch {
	case den > 0:
		nmse = num / den
	case dev > 0:
		nmse = dev
	}
	return Diff{MaxAbsErr: maxAbs, NMSE: nmse}
}

// CompareWords compares uint32 tensors (stored as float32 bits) word for
// word: NMSE is the fraction of words that differ, MaxAbsErr the largest
// difference of two words as integers.
func CompareWords(got, want []float32) Diff {
	g, w := op.AsUint32(got), op.AsUint32(want)
	var d Diff
	for i := range w {
		if g[i] != w[i] {
			d.NMSE++
			d.MaxAbsErr = math.Max(d.MaxAbsErr, math.Abs(float64(g[i])-float64(w[i])))
		}
	}
	if len(w) > 0 {
		d.NMSE /= float64(len(w))
	}
	return d
}

// RandomInput makes valid random contents for a tensor according to its kind.
func RandomInput(t *op.Tensor, rng *rand.Rand) []float32 {
	n := t.Len()
	switch t.Kind {
	case op.Positive:
		v := make([]float32, n)
		for i := range v {
			v[i] = float32(math.Abs(rng.NormFloat64()) + 0.1)
		}
		return v
	case op.Index:
		w := make([]uint32, n)
		for i := range w {
			w[i] = uint32(rng.IntN(t.Bound))
		}
		return op.AsFloat32(w)
	case op.Bytes:
		w := make([]uint32, n)
		for i := range w {
			w[i] = rng.Uint32()
		}
		return op.AsFloat32(w)
	case op.Params:
		return op.StepParams{
			Step:   uint32(1 + rng.IntN(1000)),
			Seed:   rng.Uint64(),
			LRGen:  float32(1e-5 + 1e-4*rng.Float64()),
			LRDisc: float32(1e-5 + 1e-4*rng.Float64()),
		}.Words()
	}
	v := make([]float32, n)
	for i := range v {
		v[i] = float32(rng.NormFloat64())
	}
	return v
}

// Poison fills a tensor with NaN so that an element a kernel fails to write
// shows up as a mismatch.
func Poison(t *op.Tensor) []float32 {
	v := make([]float32, t.Len())
	for i := range v {
		v[i] = float32(math.NaN())
	}
	return v
}

// tensorData is the contents to write into a tensor.
type tensorData struct {
	t    *op.Tensor
	data []float32
}

// Op runs o on the device and on the CPU from the same random inputs (outputs
// poisoned first on both), and compares every tensor it writes. Inputs the
// caller wants fixed go in inputs; the rest are drawn by RandomInput.
func Op(device *gpu.Device, o op.Op, rng *rand.Rand, inputs map[*op.Tensor][]float32, threshold float64) (Result, error) {
	var plan op.Plan
	if err := plan.Add(o); err != nil {
		return Result{}, err
	}
	dev, err := vkexec.New(device, vkexec.Options{}, &plan)
	if err != nil {
		return Result{}, err
	}
	defer dev.Close()
	cpu := ref.New(&plan)
	// Every storage tensor gets random contents (views of the op again, by
	// their own kind), then the op's pure outputs are poisoned and the
	// caller's fixed inputs written over them.
	var writes []tensorData
	for _, t := range plan.Tensors() {
		writes = append(writes, tensorData{t, RandomInput(t, rng)})
	}
	for _, t := range o.Reads() {
		if t.Base != nil {
			writes = append(writes, tensorData{t, RandomInput(t, rng)})
		}
	}
	for _, t := range op.PureOutputs(o) {
		writes = append(writes, tensorData{t, Poison(t)})
	}
	for t, data := range inputs {
		writes = append(writes, tensorData{t, data})
	}
	if err := writeAll(writes, dev, cpu); err != nil {
		return Result{}, err
	}
	res := Result{Name: o.Kernel(), Shape: o.Shape(), Threshold: threshold}
	start := time.Now()
	if err := dev.Run(&plan); err != nil {
		return res, err
	}
	res.DeviceMS = float64(time.Since(start).Microseconds()) / 1000
	start = time.Now()
	if err := cpu.Run(&plan); err != nil {
		return res, err
	}
	res.CPUMS = float64(time.Since(start).Microseconds()) / 1000
	res.Pass = true
	first := map[*op.Tensor][]float32{}
	for _, t := range o.Writes() {
		got, err := dev.Read(t)
		if err != nil {
			return res, err
		}
		want, err := cpu.Read(t)
		if err != nil {
			return res, err
		}
		d := Compare(got, want)
		if t.Type == op.U32 {
			d = CompareWords(got, want)
		}
		if !(d.NMSE <= threshold) {
			res.Pass = false
		}
		if res.Worst == "" || worse(d.NMSE, res.NMSE) {
			res.NMSE, res.Worst = d.NMSE, t.Name
		}
		res.MaxAbsErr = math.Max(res.MaxAbsErr, d.MaxAbsErr)
		first[t] = got
	}
	if res.Deterministic, err = sameBitsAgain(dev, &plan, writes, first); err != nil {
		return res, err
	}
	res.Pass = res.Pass && res.Deterministic
	if res.Worst == "" {
		return res, fmt.Errorf("%s writes no tensor", o.Kernel())
	}
	return res, nil
}

// writeAll writes the same contents into every executor.
func writeAll(writes []tensorData, executors ...op.Executor) error {
	for _, w := range writes {
		for _, e := range executors {
			if err := e.Write(w.t, w.data); err != nil {
				return err
			}
		}
	}
	return nil
}

// sameBitsAgain restores the inputs, runs the device again and tells
// whether every output came out bit for bit as the first time.
func sameBitsAgain(dev op.Executor, plan *op.Plan, writes []tensorData, first map[*op.Tensor][]float32) (bool, error) {
	if err := writeAll(writes, dev); err != nil {
		return false, err
	}
	if err := dev.Run(plan); err != nil {
		return false, err
	}
	for t, want := range first {
		got, err := dev.Read(t)
		if err != nil {
			return false, err
		}
		for i := range want {
			if math.Float32bits(got[i]) != math.Float32bits(want[i]) {
				return false, nil
			}
		}
	}
	return true, nil
}

// worse orders NMSE values, a NaN being the worst of all.
func worse(a, b float64) bool {
	return (math.IsNaN(a) && !math.IsNaN(b)) || a > b
}
