package vkexec

import (
	"fmt"
	"strconv"
	"strings"

	"dcganvk/gpu"
)

// Variants are the kernel variants an executor records. Each choice is
// made by device type unless forced (gpu.Options.Kernels), so that one
// binary can compare them on any device.
type Variants struct {
	// TexelReads reads conv and matmul inputs through uniform texel
	// buffers where the device's limits allow.
	TexelReads bool `json:"texel_reads"`
	// TiledConv runs the forward and input-gradient convolutions as the
	// shared-memory tiled implicit GEMM (shaders/conv_gemm.comp) instead of
	// the direct register-blocked kernels.
	TiledConv bool `json:"tiled_conv"`
	// SplitFilter runs the filter gradient as a split-k tiled GEMM with an
	// ordered sum of the parts instead of the direct kernel.
	SplitFilter bool `json:"split_filter"`
	// TwoStageReduce runs the column reductions of few, long columns (batch
	// norm and bias gradients of the conv layers) in two stages: many
	// workgroups of partial sums, then an ordered merge.
	TwoStageReduce bool `json:"two_stage_reduce"`
	// DeviceParams keeps the step parameters, which the host writes before
	// each submit, in device-local memory for the kernels: each recorded
	// plan starts by copying them there.
	DeviceParams bool `json:"device_params"`
	// RowMatvec runs a long matrix-vector product (D's logit) as one
	// workgroup per row (shaders/matvec_rows.comp) instead of the matmul
	// kernel, whose invocations it would leave to one workgroup.
	RowMatvec bool `json:"row_matvec"`
	// Winograd runs the stride-1 convolutions with a 5x5 filter (the
	// generator's convT1) in Winograd's F(4x4, 5x5) form: transforms of the
	// input tiles, the filter and the outputs around one product a position
	// (nn/vkexec/winograd.go), about 3.3x fewer multiplies than the direct
	// kernels at 7x7; and the filter gradients of the stride-2 ones with a
	// 5x5 filter (D's conv2, G's convT2) in F(4x4, 3x3) form on the input's
	// space-to-depth image.
	Winograd bool `json:"winograd"`
	// Im2col runs the forward pass of a convolution on a one-channel input
	// (D's conv1, the input gradient of G's convT3) as the product of the
	// input's patches and the filter (nn/vkexec/im2col.go), and its input
	// gradient (G's convT3 forward, D's conv1 input gradient) as the
	// adjoint (nn/vkexec/col2im.go), on the Winograd products' kernel.
	Im2col bool `json:"im2col"`
	// Tile is the output tile edge (BM = BN) of the tiled kernels.
	Tile int `json:"tile"`
}

// tileSizes are the tile edges the tiled kernels accept.
var tileSizes = []int{32, 64, 128}

// switches are the two-way variants, by key: the value that turns each
// off and the one that turns it on.
var switches = []struct {
	key, off, on string
	field        func(*Variants) *bool
}{
	{"texel", "off", "on", func(v *Variants) *bool { return &v.TexelReads }},
	{"conv", "direct", "tiled", func(v *Variants) *bool { return &v.TiledConv }},
	{"filter", "direct", "splitk", func(v *Variants) *bool { return &v.SplitFilter }},
	{"reduce", "lanes", "twostage", func(v *Variants) *bool { return &v.TwoStageReduce }},
	{"params", "host", "device", func(v *Variants) *bool { return &v.DeviceParams }},
	{"matvec", "columns", "rows", func(v *Variants) *bool { return &v.RowMatvec }},
	{"winograd", "off", "on", func(v *Variants) *bool { return &v.Winograd }},
	{"im2col", "off", "on", func(v *Variants) *bool { return &v.Im2col }},
}

// ParseVariants reads the variants asked for in spec, a comma-separated
// list of KEY=VALUE (texel=auto|off|on, conv=auto|direct|tiled,
// filter=auto|direct|splitk, reduce=auto|lanes|twostage,
// params=auto|host|device, matvec=auto|columns|rows, winograd=auto|off|on,
// im2col=auto|off|on, tile=auto|32|64|128), over the choices for the
// device: on a GPU the tiled, split, two-stage and per-row kernels and the
// step parameters in device memory, on a CPU device (lavapipe, where
// barriers are slow) the direct ones, Winograd's stride-1 convolutions and
// im2col (measured faster there; on a GPU their register-blocked product has
// not been measured against the tiled GEMM), texel reads on both, tiles of
// 64.
func ParseVariants(spec string, device gpu.DeviceType) (Variants, error) {
	gpuLike := device != gpu.CPU
	v := Variants{TexelReads: true, TiledConv: gpuLike, SplitFilter: gpuLike, TwoStageReduce: gpuLike,
		DeviceParams: gpuLike, RowMatvec: gpuLike, Winograd: !gpuLike, Im2col: !gpuLike, Tile: 64}
	for _, item := range strings.Split(spec, ",") {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		key, value, ok := strings.Cut(item, "=")
		if !ok {
			return v, fmt.Errorf("kernel variant %q: want KEY=VALUE", item)
		}
		if err := v.set(key, value); err != nil {
			return v, fmt.Errorf("kernel variant %q: %w", item, err)
		}
	}
	return v, nil
}

// set applies one KEY=VALUE; auto keeps the device's choice.
func (v *Variants) set(key, value string) error {
	if key == "tile" {
		var err error
		v.Tile, err = tile(value, v.Tile)
		return err
	}
	for _, s := range switches {
		if s.key != key {
			continue
		}
		switch value {
		case "auto":
		case s.off:
			*s.field(v) = false
		case s.on:
			*s.field(v) = true
		default:
			return fmt.Errorf("want auto, %s or %s", s.off, s.on)
		}
		return nil
	}
	return fmt.Errorf("unknown key (want texel, conv, filter, reduce, params, matvec, winograd, im2col or tile)")
}

// tile reads a tile edge, auto keeping def.
func tile(value string, def int) (int, error) {
	if value == "auto" {
		return def, nil
	}
	n, err := strconv.Atoi(value)
	for _, t := range tileSizes {
		if err == nil && n == t {
			return n, nil
		}
	}
	return def, fmt.Errorf("want auto, 32, 64 or 128")
}
