package train

import (
	"fmt"
	"io"
	"os"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// progress reports the steps of an epoch: a bar on a terminal, a plain line
// every tenth of the epoch otherwise.
type progress struct {
	w     io.Writer
	bar   *progressbar.ProgressBar
	epoch int
	steps int
}

// isTerminal tells whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

func newProgress(w io.Writer, epoch, epochs, steps int) *progress {
	p := &progress{w: w, epoch: epoch, steps: steps}
	if isTerminal(w) {
		p.bar = progressbar.NewOptions(steps,
			progressbar.OptionSetWriter(w),
			progressbar.OptionSetDescription(fmt.Sprintf("epoch %d/%d", epoch, epochs)),
			progressbar.OptionShowCount(),
			progressbar.OptionSetPredictTime(true),
			progressbar.OptionClearOnFinish(),
			progressbar.OptionThrottle(100_000_000))
	}
	return p
}

// step reports that step i (from 1) of the epoch is done.
func (p *progress) step(i int, genLoss, discLoss float32, imagesPerSec float64) {
	if p.bar != nil {
		p.bar.Describe(fmt.Sprintf("epoch %d  gen %.4f  disc %.4f  %.0f img/s", p.epoch, genLoss, discLoss, imagesPerSec))
		p.bar.Set(i)
		return
	}
	if every := max(p.steps/10, 1); i%every == 0 || i == p.steps {
		fmt.Fprintf(p.w, "epoch %d step %d/%d  gen_loss %.4f  disc_loss %.4f  %.0f images/s\n",
			p.epoch, i, p.steps, genLoss, discLoss, imagesPerSec)
	}
}

// done ends the bar, if there is one.
func (p *progress) done() {
	if p.bar != nil {
		p.bar.Finish()
	}
}
