package train

import (
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dcganvk/nn/check"
)

// crossDevicesEnv names two devices (by index or part of the name, as
// --device takes them) for TestTrainingAgreesAcrossDrivers, such as
// "llvmpipe,SwiftShader" with both drivers in VK_DRIVER_FILES (make
// test-drivers sets it).
const crossDevicesEnv = "DCGANVK_CROSS_DEVICES"

// TestTrainingAgreesAcrossDrivers trains the same short run on two devices
// of different drivers: every step's losses must agree to verify's
// tolerance for a whole step (check.StepThreshold, relative), since the two
// compute the same sums in the same order, with their own rounding.
func TestTrainingAgreesAcrossDrivers(t *testing.T) {
	devices := strings.Split(os.Getenv(crossDevicesEnv), ",")
	if len(devices) != 2 {
		t.Skip("needs " + crossDevicesEnv + "=A,B, two devices of different drivers (make test-drivers)")
	}
	data := fakeMNIST(t, 14)
	var runs [2][]LossRow
	for i, device := range devices {
		cfg := quickConfig(t, data)
		cfg.GPU.Device = device
		mustRun(t, cfg)
		rows, err := readLossRows(filepath.Join(cfg.OutDir, "losses.csv"))
		if err != nil {
			t.Fatal(err)
		}
		runs[i] = rows
	}
	if len(runs[0]) == 0 || len(runs[0]) != len(runs[1]) {
		t.Fatalf("%d and %d loss rows", len(runs[0]), len(runs[1]))
	}
	for i, a := range runs[0] {
		b := runs[1][i]
		for _, pair := range [][2]float32{{a.GenLoss, b.GenLoss}, {a.DiscLoss, b.DiscLoss}} {
			x, y := float64(pair[0]), float64(pair[1])
			if d := math.Abs(x - y); !(d <= check.StepThreshold*math.Max(math.Abs(x), math.Abs(y))) {
				t.Errorf("step %d: %s %v, %s %v (relative difference %.3g)", a.Step, devices[0], x, devices[1], y,
					d/math.Max(math.Abs(x), math.Abs(y)))
			}
		}
	}
	t.Logf("%d steps agree: last losses %v/%v and %v/%v", len(runs[0]), runs[0][len(runs[0])-1].GenLoss,
		runs[0][len(runs[0])-1].DiscLoss, runs[1][len(runs[1])-1].GenLoss, runs[1][len(runs[1])-1].DiscLoss)
}
