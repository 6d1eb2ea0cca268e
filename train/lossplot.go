package train

import (
	"io"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/plotutil"
	"gonum.org/v1/plot/vg"

	"dcganvk/train/safefile"
)

// SaveLossPlot draws both losses against the step as a PNG.
func SaveLossPlot(path string, rows []LossRow) error {
	p := plot.New()
	p.Title.Text = "DCGAN losses"
	p.X.Label.Text = "step"
	p.Y.Label.Text = "loss"
	// Top right, where the losses (high early, lower later) rarely are;
	// gonum's default, bottom right, sits on the discriminator's curve.
	p.Legend.Top = true
	gen, disc := make(plotter.XYs, len(rows)), make(plotter.XYs, len(rows))
	for i, r := range rows {
		gen[i] = plotter.XY{X: float64(r.Step), Y: float64(r.GenLoss)}
		disc[i] = plotter.XY{X: float64(r.Step), Y: float64(r.DiscLoss)}
	}
	if err := plotutil.AddLines(p, "generator", gen, "discriminator", disc); err != nil {
		return err
	}
	writer, err := p.WriterTo(8*vg.Inch, 4*vg.Inch, "png")
	if err != nil {
		return err
	}
	return safefile.Write(path, func(w io.Writer) error {
		_, err := writer.WriteTo(w)
		return err
	})
}
