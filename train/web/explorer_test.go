package web

import (
	"bytes"
	"image/png"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"dcganvk/gpu/gputest"
	"dcganvk/nn/dcgan"
	"dcganvk/train/imageio"
	"dcganvk/train/latent"
)

// cliFile runs one of the latent commands into a temporary file and returns its bytes.
func cliFile(t *testing.T, name string, run func(path string) error) []byte {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := run(path); err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

// samePixels tells whether two PNGs hold the same grey pixels.
func samePixels(t *testing.T, a, b []byte) bool {
	t.Helper()
	ia, err := png.Decode(bytes.NewReader(a))
	if err != nil {
		t.Fatal(err)
	}
	ib, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	if ia.Bounds() != ib.Bounds() {
		return false
	}
	for y := ia.Bounds().Min.Y; y < ia.Bounds().Max.Y; y++ {
		for x := ia.Bounds().Min.X; x < ia.Bounds().Max.X; x++ {
			ra, _, _, _ := ia.At(x, y).RGBA()
			rb, _, _, _ := ib.At(x, y).RGBA()
			if ra != rb {
				return false
			}
		}
	}
	return true
}

func TestExplorerDrawsWhatTheCommandsDraw(t *testing.T) {
	srv, ck := explorerServer(t)
	src := latent.Source{Checkpoint: ck, GPU: gputest.Options()}
	const expr = "(3+5+7)/3 - 2*4"
	status, page := get(t, srv, "/api/expr.png?expr="+url.QueryEscape(expr))
	want := cliFile(t, "a.png", func(p string) error {
		return latent.Arith(latent.ArithConfig{Source: src, Expr: expr, PNG: p}, &bytes.Buffer{})
	})
	if status != 200 || !samePixels(t, page, want) {
		t.Errorf("expr.png (status %d) differs from arith --png", status)
	}
	status, strip := get(t, srv, "/api/slerp.png?from=3&to=7&steps=5")
	_, anim := get(t, srv, "/api/slerp.gif?from=3&to=7&steps=5")
	dir := t.TempDir()
	icfg := latent.InterpolateConfig{Source: src, From: 3, To: 7, Steps: 5,
		PNG: filepath.Join(dir, "i.png"), GIF: filepath.Join(dir, "i.gif")}
	if err := latent.Interpolate(icfg, &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	wantStrip, _ := os.ReadFile(icfg.PNG)
	wantGIF, _ := os.ReadFile(icfg.GIF)
	if status != 200 || !samePixels(t, strip, wantStrip) || !bytes.Equal(anim, wantGIF) {
		t.Errorf("slerp.png/gif (status %d) differ from interpolate --png/--gif", status)
	}
}

// imagesOfNoise draws the noise .npy the explorer served with generate
// --noise and returns the images.
func imagesOfNoise(t *testing.T, src latent.Source, srv *httptest.Server, path string) []float32 {
	t.Helper()
	status, noise := get(t, srv, path)
	if status != 200 {
		t.Fatalf("%s: %d %s", path, status, noise)
	}
	z := filepath.Join(t.TempDir(), "z.npy")
	if err := os.WriteFile(z, noise, 0o644); err != nil {
		t.Fatal(err)
	}
	images, _ := readImages(t, cliFile(t, "b.npy", func(p string) error {
		return latent.Generate(latent.GenerateConfig{Source: src, NoisePath: z, NPY: p}, &bytes.Buffer{})
	}))
	return images
}

func TestExplorerNoiseDownloadsRedrawTheCommandsImages(t *testing.T) {
	srv, ck := explorerServer(t)
	src := latent.Source{Checkpoint: ck, GPU: gputest.Options()}
	arith, _ := readImages(t, cliFile(t, "a.npy", func(p string) error {
		return latent.Arith(latent.ArithConfig{Source: src, Expr: "3+9-12", NPY: p}, &bytes.Buffer{})
	}))
	if got := imagesOfNoise(t, src, srv, "/api/expr.npy?expr="+url.QueryEscape("3+9-12")); !slices.Equal(got, arith) {
		t.Error("generate --noise of expr.npy differs from arith --npy")
	}
	path, _ := readImages(t, cliFile(t, "i.npy", func(p string) error {
		return latent.Interpolate(latent.InterpolateConfig{Source: src, From: 1, To: 2, Steps: 4, NPY: p}, &bytes.Buffer{})
	}))
	if got := imagesOfNoise(t, src, srv, "/api/slerp.npy?from=1&to=2&steps=4"); !slices.Equal(got, path) {
		t.Error("generate --noise of slerp.npy differs from interpolate --npy")
	}
	seed := uint64(9)
	seeded := src
	seeded.Seed = &seed
	all, _ := readImages(t, cliFile(t, "g.npy", func(p string) error {
		return latent.Generate(latent.GenerateConfig{Source: seeded, N: 2 * PageSize, NPY: p}, &bytes.Buffer{})
	}))
	if got := imagesOfNoise(t, src, srv, "/api/grid.npy?page=1&seed=9"); !slices.Equal(got, all[PageSize*dcgan.MNIST.Pixels():]) {
		t.Error("page 1 of seed 9 is not vectors 64 to 127 of generate --seed 9")
	}
}

// readImages parses an images .npy as generate --npy writes it.
func readImages(t *testing.T, raw []byte) ([]float32, int) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "x.npy")
	if err := os.WriteFile(path, raw, 0o644); err != nil {
		t.Fatal(err)
	}
	images, n, err := imageio.ReadImagesNPY(path, latent.MaxImages, dcgan.MNIST)
	if err != nil {
		t.Fatal(err)
	}
	return images, n
}

func TestExplorerRefusesBadRequestsWithTheCLIsMessages(t *testing.T) {
	srv, ck := explorerServer(t)
	src := latent.Source{Checkpoint: ck, GPU: gputest.Options()}
	png := filepath.Join(t.TempDir(), "x.png")
	cliError := func(expr string) string {
		return latent.Arith(latent.ArithConfig{Source: src, Expr: expr, PNG: png}, &bytes.Buffer{}).Error()
	}
	for _, expr := range []string{"3+(4", "70000", "0.5", strings.Repeat("1+", 600) + "1", "3/0"} {
		status, body := get(t, srv, "/api/expr.png?expr="+url.QueryEscape(expr))
		if status != 400 || strings.TrimSpace(string(body)) != cliError(expr) {
			t.Errorf("expr %.20q: %d %q, want 400 %q", expr, status, body, cliError(expr))
		}
	}
	cases := map[string]int{
		"/api/grid.png?page=-1":                            400,
		"/api/grid.png?page=1024":                          400,
		"/api/grid.png?page=x":                             400,
		"/api/grid.png?page=0&seed=-3":                     400,
		"/api/slerp.png?from=0&to=65536&steps=4":           400,
		"/api/slerp.png?from=0&to=1&steps=1":               400,
		"/api/slerp.png?from=0&to=1&steps=65":              400,
		"/api/expr.png?expr=3&checkpoint=..%2F..%2Fpasswd": 400,
		"/api/expr.gif?expr=3":                             404,
		"/api/expr.png?expr=" + strings.Repeat("1", 5000):  414,
		"/api/nothing":                                     404,
	}
	for path, want := range cases {
		if status, body := get(t, srv, path); status != want {
			t.Errorf("%.60s: %d %s, want %d", path, status, body, want)
		}
	}
	if _, err := os.Stat(png); err == nil {
		t.Error("a refused arith wrote its PNG")
	}
}

func TestExplorerServesManyClientsAtOnce(t *testing.T) {
	srv, _ := explorerServer(t)
	_, want := get(t, srv, "/api/expr.png?expr=4")
	var wg sync.WaitGroup
	bodies := make([][]byte, 8)
	for i := range bodies {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, bodies[i] = get(t, srv, "/api/expr.png?expr=4")
		}()
	}
	wg.Wait()
	for i, b := range bodies {
		if !slices.Equal(b, want) {
			t.Errorf("client %d got another picture", i)
		}
	}
}
