package latent

import (
	"errors"
	"fmt"
	"io"

	"dcganvk/train/imageio"
)

// InterpolateConfig is what `dcganvk interpolate` takes.
type InterpolateConfig struct {
	Source
	From, To, Steps int
	PNG, GIF, NPY   string
}

// Interpolate draws the spherical path between noise vectors From and To in
// Steps images: a strip, an animation, and the images themselves.
func Interpolate(cfg InterpolateConfig, log io.Writer) error {
	if cfg.PNG == "" && cfg.GIF == "" && cfg.NPY == "" {
		return errors.New("nothing to write: pass --png, --gif and/or --npy")
	}
	if err := checkSteps(cfg.Steps); err != nil {
		return err
	}
	ck, seed, err := cfg.Open()
	if err != nil {
		return err
	}
	drawing, err := cfg.draw(ck, cfg.Steps, func(d *Drawer) (*Drawing, error) {
		return DrawInterpolation(d, seed, cfg.From, cfg.To, cfg.Steps, log)
	})
	if err != nil {
		return err
	}
	if cfg.GIF != "" {
		if err := imageio.WriteFramesGIF(cfg.GIF, drawing.Frames, FrameDelay); err != nil {
			return err
		}
		fmt.Fprintf(log, "wrote %s (%d frames)\n", cfg.GIF, cfg.Steps)
	}
	return drawing.write(log, cfg.PNG, cfg.NPY)
}

// ArithConfig is what `dcganvk arith` takes.
type ArithConfig struct {
	Source
	Expr     string
	PNG, NPY string
}

// Arith draws the generator's image of a vector expression, with the image
// of each vector it names before it, in one row.
func Arith(cfg ArithConfig, log io.Writer) error {
	if cfg.PNG == "" && cfg.NPY == "" {
		return errors.New("nothing to write: pass --png and/or --npy")
	}
	expr, err := ParseExpr(cfg.Expr)
	if err != nil {
		return err
	}
	ck, seed, err := cfg.Open()
	if err != nil {
		return err
	}
	drawing, err := cfg.draw(ck, len(expr.Operands)+1, func(d *Drawer) (*Drawing, error) {
		return DrawArith(d, seed, cfg.Expr, log)
	})
	if err != nil {
		return err
	}
	return drawing.write(log, cfg.PNG, cfg.NPY)
}
