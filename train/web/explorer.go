package web

import (
	"bytes"
	"fmt"
	"image/png"
	"io"
	"net/http"
	"net/url"
	"path/filepath"
	"strconv"
	"sync"

	"dcganvk/train/checkpoint"
	"dcganvk/train/imageio"
	"dcganvk/train/latent"
)

// PageSize is the number of numbered vectors one page of the explorer's
// grid shows.
const PageSize = 64

// MaxSteps bounds the images of one interpolation the explorer draws.
const MaxSteps = 64

// Explorer serves the latent-space explorer of one checkpoint or of every
// checkpoint of a run folder. Requests name a checkpoint only by its file
// name, looked up among those listed; nothing a request says reaches the
// file system. Drawing is one request at a time, on one open Drawer.
type Explorer struct {
	// dir holds the checkpoints; only is the one file with --checkpoint.
	dir, only string
	log       io.Writer

	mu      sync.Mutex
	drawer  *latent.Drawer
	current string // the checkpoint loaded in drawer
	seed    uint64 // its training seed
}

// NewExplorer serves the checkpoint file path, or, with run set, the
// checkpoints of the folder path, drawing on d (Batch at least PageSize).
func NewExplorer(d *latent.Drawer, path string, run bool, log io.Writer) (*Explorer, error) {
	if d.Batch() < PageSize {
		return nil, fmt.Errorf("explorer: a drawer of %d images; need %d", d.Batch(), PageSize)
	}
	e := &Explorer{drawer: d, log: log, dir: filepath.Dir(path), only: filepath.Base(path)}
	if run {
		e.dir, e.only = path, ""
	}
	names, err := e.checkpoints()
	if err != nil {
		return nil, err
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("--run %s holds no checkpoint", path)
	}
	if err := e.load(names[len(names)-1]); err != nil {
		return nil, err
	}
	return e, nil
}

// checkpoints lists the checkpoints the explorer may load, by epoch.
func (e *Explorer) checkpoints() ([]string, error) {
	if e.only != "" {
		return []string{e.only}, nil
	}
	names, err := checkpoint.List(e.dir)
	if err != nil {
		return nil, fmt.Errorf("--run %s: %w", e.dir, err)
	}
	return names, nil
}

// load makes the checkpoint of that listed name the current one (under mu
// or before serving).
func (e *Explorer) load(name string) error {
	ck, err := checkpoint.Load(filepath.Join(e.dir, name))
	if err != nil {
		return err
	}
	seed, err := strconv.ParseUint(ck.Metadata["seed"], 10, 64)
	if err != nil {
		return fmt.Errorf("checkpoint %s has no seed", name)
	}
	if err := e.drawer.Load(ck); err != nil {
		return err
	}
	e.current, e.seed = name, seed
	return nil
}

// Handler serves the page, its assets and the drawing endpoints.
func (e *Explorer) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.Handle("GET /{$}", page("explore.html"))
	mux.Handle("GET /assets/", assets())
	mux.HandleFunc("GET /api/checkpoints", e.serveCheckpoints)
	for _, format := range []string{"png", "npy"} {
		mux.HandleFunc("GET /api/grid."+format, e.drawHandler(e.grid, format))
		mux.HandleFunc("GET /api/expr."+format, e.drawHandler(e.expr, format))
	}
	for _, format := range []string{"png", "gif", "npy"} {
		mux.HandleFunc("GET /api/slerp."+format, e.drawHandler(e.slerp, format))
	}
	return mux
}

func (e *Explorer) serveCheckpoints(w http.ResponseWriter, _ *http.Request) {
	names, err := e.checkpoints()
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	e.mu.Lock()
	current, seed := e.current, e.seed
	e.mu.Unlock()
	writeJSON(w, map[string]any{"checkpoints": names, "current": current, "seed": seed,
		"page_size": PageSize, "max_vector_index": latent.MaxVectorIndex, "max_steps": MaxSteps})
}

// badRequest is an error in what a request asked for: a 400 with the
// message the CLI gives for the same mistake.
type badRequest struct{ error }

// drawHandler serves what draw makes from the query as format: png (the
// picture), npy (the noise vectors, for `generate --noise`) or, for
// interpolations, gif (the frames).
func (e *Explorer) drawHandler(draw func(q url.Values, seed uint64) (*latent.Drawing, error), format string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		drawing, err := e.draw(r.URL.Query(), draw)
		if err != nil {
			status := http.StatusInternalServerError
			if _, ok := err.(badRequest); ok {
				status = http.StatusBadRequest
			}
			http.Error(w, err.Error(), status)
			return
		}
		var body bytes.Buffer
		switch format {
		case "png":
			w.Header().Set("Content-Type", "image/png")
			err = png.Encode(&body, drawing.Picture)
		case "gif":
			w.Header().Set("Content-Type", "image/gif")
			err = imageio.EncodeFramesGIF(&body, drawing.Frames, latent.FrameDelay)
		case "npy":
			w.Header().Set("Content-Type", "application/octet-stream")
			w.Header().Set("Content-Disposition", `attachment; filename="noise.npy"`)
			err = imageio.EncodeNoiseNPY(&body, drawing.Noise)
		}
		if err != nil {
			http.Error(w, "encoding the "+format+": "+err.Error(), http.StatusInternalServerError)
			return
		}
		w.Write(body.Bytes())
	}
}

// draw settles the checkpoint and seed a query names and draws, one
// request at a time. Errors in the query are badRequests.
func (e *Explorer) draw(q url.Values, draw func(q url.Values, seed uint64) (*latent.Drawing, error)) (*latent.Drawing, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if name := q.Get("checkpoint"); name != "" && name != e.current {
		names, err := e.checkpoints()
		if err != nil {
			return nil, err
		}
		if !contains(names, name) {
			return nil, badRequest{fmt.Errorf("--checkpoint %q: not one of this explorer's checkpoints", name)}
		}
		if err := e.load(name); err != nil {
			return nil, err
		}
	}
	seed := e.seed
	if q.Has("seed") {
		v, err := strconv.ParseUint(q.Get("seed"), 10, 64)
		if err != nil {
			return nil, badRequest{fmt.Errorf("invalid value %q for flag -seed: parse error", q.Get("seed"))}
		}
		seed = v
	}
	return draw(q, seed)
}

func contains(names []string, name string) bool {
	for _, n := range names {
		if n == name {
			return true
		}
	}
	return false
}

// intParam reads an integer query parameter, refusing it as the CLI
// refuses a bad flag value.
func intParam(q url.Values, name string) (int, error) {
	v, err := strconv.Atoi(q.Get(name))
	if err != nil {
		return 0, badRequest{fmt.Errorf("invalid value %q for flag -%s: parse error", q.Get(name), name)}
	}
	return v, nil
}

// grid draws page "page" of the seed's numbered vectors.
func (e *Explorer) grid(q url.Values, seed uint64) (*latent.Drawing, error) {
	p, err := intParam(q, "page")
	if err != nil {
		return nil, err
	}
	if p < 0 || p >= latent.MaxVectorIndex/PageSize {
		return nil, badRequest{fmt.Errorf("page %d out of range [0, %d)", p, latent.MaxVectorIndex/PageSize)}
	}
	return latent.DrawNumbered(e.drawer, seed, p*PageSize, PageSize, e.log)
}

// expr draws the row of an expression in arith's grammar.
func (e *Explorer) expr(q url.Values, seed uint64) (*latent.Drawing, error) {
	expr, err := latent.ParseExpr(q.Get("expr"))
	if err != nil {
		return nil, badRequest{err}
	}
	if _, err := latent.NoiseVectors(seed, expr.Operands...); err != nil {
		return nil, badRequest{err}
	}
	return latent.DrawArith(e.drawer, seed, q.Get("expr"), e.log)
}

// slerp draws the interpolation from vector "from" to vector "to".
func (e *Explorer) slerp(q url.Values, seed uint64) (*latent.Drawing, error) {
	var v [3]int
	for i, name := range []string{"from", "to", "steps"} {
		var err error
		if v[i], err = intParam(q, name); err != nil {
			return nil, err
		}
	}
	if v[2] < 2 || v[2] > MaxSteps {
		return nil, badRequest{fmt.Errorf("--steps %d: need 2 to %d", v[2], MaxSteps)}
	}
	if _, err := latent.NoiseVectors(seed, v[0], v[1]); err != nil {
		return nil, badRequest{err}
	}
	return latent.DrawInterpolation(e.drawer, seed, v[0], v[1], v[2], e.log)
}
