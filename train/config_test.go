package train

import (
	"math"
	"strings"
	"testing"
)

func TestNonFiniteLearningRateIsRefused(t *testing.T) {
	for _, lr := range []float64{math.Inf(1), math.NaN(), -1, 0} {
		cfg := quickConfig(t, t.TempDir())
		cfg.LR = lr
		if err := cfg.Validate(); err == nil || !strings.Contains(err.Error(), "--lr") {
			t.Errorf("--lr %v: %v", lr, err)
		}
	}
}
