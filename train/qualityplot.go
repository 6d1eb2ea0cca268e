package train

import (
	"io"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/plotutil"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"

	"dcganvk/train/safefile"
)

// QualityPlotName is the file name of the scores' plot in --out.
const QualityPlotName = "quality.png"

// SaveQualityPlot draws the judge's scores of the evaluated epochs as a
// PNG: FID beside the real digits' floor above, the classifier score and
// the coverage below. With no evaluated epoch it writes nothing.
func SaveQualityPlot(path string, epochs []EpochRecord) error {
	var fid, floor, score, coverage plotter.XYs
	for _, e := range epochs {
		if q := e.Quality; q != nil {
			x := float64(e.Epoch)
			fid = append(fid, plotter.XY{X: x, Y: q.FID})
			floor = append(floor, plotter.XY{X: x, Y: q.FIDFloor})
			score = append(score, plotter.XY{X: x, Y: q.Generated.Score})
			coverage = append(coverage, plotter.XY{X: x, Y: float64(q.Generated.Coverage)})
		}
	}
	if len(fid) == 0 {
		return nil
	}
	top, bottom := plot.New(), plot.New()
	top.Title.Text = "Sample quality, scored by the judge"
	top.Y.Label.Text = "FID"
	bottom.X.Label.Text = "epoch"
	bottom.Y.Label.Text = "of 10"
	bottom.Y.Min, bottom.Y.Max = 0, 10
	if err := plotutil.AddLinePoints(top, "FID of the samples", fid, "real digits (test half vs half)", floor); err != nil {
		return err
	}
	if err := plotutil.AddLinePoints(bottom, "classifier score", score, "coverage (digits >= 2%)", coverage); err != nil {
		return err
	}
	img := vgimg.New(8*vg.Inch, 6*vg.Inch)
	canvases := plot.Align([][]*plot.Plot{{top}, {bottom}}, draw.Tiles{Rows: 2, Cols: 1}, draw.New(img))
	top.Draw(canvases[0][0])
	bottom.Draw(canvases[1][0])
	return safefile.Write(path, func(w io.Writer) error {
		_, err := vgimg.PngCanvas{Canvas: img}.WriteTo(w)
		return err
	})
}
