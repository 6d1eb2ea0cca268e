package vkexec

import (
	"testing"

	"dcganvk/gpu"
)

func TestParseVariantsChoosesByDeviceAndObeysSwitches(t *testing.T) {
	cpu, err := ParseVariants("", gpu.CPU)
	if err != nil || cpu != (Variants{TexelReads: true, Winograd: true, Im2col: true, Tile: 64}) {
		t.Fatalf("CPU defaults: %+v, %v", cpu, err)
	}
	onGPU, err := ParseVariants("", gpu.Discrete)
	want := Variants{TexelReads: true, TiledConv: true, SplitFilter: true, TwoStageReduce: true,
		DeviceParams: true, RowMatvec: true, Tile: 64}
	if err != nil || onGPU != want {
		t.Fatalf("GPU defaults: %+v, %v", onGPU, err)
	}
	forced, err := ParseVariants(" texel=off, conv=tiled,filter=auto,reduce=twostage,params=device,matvec=rows,winograd=off,im2col=off,tile=128", gpu.CPU)
	want = Variants{TiledConv: true, TwoStageReduce: true, DeviceParams: true, RowMatvec: true, Tile: 128}
	if err != nil || forced != want {
		t.Fatalf("forced: %+v, %v", forced, err)
	}
	for _, bad := range []string{"conv", "conv=fast", "tile=48", "tile=x", "warp=on", "winograd=yes", "im2col=1"} {
		if _, err := ParseVariants(bad, gpu.CPU); err == nil {
			t.Errorf("%q was accepted", bad)
		}
	}
}
