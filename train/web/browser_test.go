package web

import (
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"image/png"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"dcganvk/gpu/gputest"
	"dcganvk/train"
	"dcganvk/train/latent"
)

// browser starts Debian's chromium headless (make deps installs it); a
// machine without it fails the test, saying what to install.
func browser(t *testing.T) context.Context {
	t.Helper()
	path, err := exec.LookPath("chromium")
	if err != nil {
		t.Fatal("the browser tests need chromium: run make deps (apt-get install chromium)")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(path),
		chromedp.Flag("no-sandbox", true), chromedp.WindowSize(1400, 1000))
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(alloc)
	ctx, cancelTime := context.WithTimeout(ctx, 2*time.Minute)
	t.Cleanup(func() { cancelTime(); cancelCtx(); cancelAlloc() })
	return ctx
}

// screenshot writes the page into DCGANVK_SCREENSHOTS, when it is set.
func screenshot(t *testing.T, ctx context.Context, name string) {
	dir := os.Getenv("DCGANVK_SCREENSHOTS")
	if dir == "" {
		return
	}
	shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, name), shot, 0o644); err != nil {
		t.Fatal(err)
	}
}

// gatedPage holds training at the end of epoch 1 until the test lets it
// go, so that the browser is sure to see that epoch's grid (the gate is
// the test's; the page itself never holds training).
type gatedPage struct {
	*TrainPage
	epoch1 chan struct{}
	resume chan struct{}
}

func (g gatedPage) Finished(rec train.EpochRecord) {
	g.TrainPage.Finished(rec)
	if rec.Epoch == 1 {
		close(g.epoch1)
		<-g.resume
	}
}

// waitGrid waits until the page's grid shows the end of epoch, and
// returns the PNG it shows.
func waitGrid(t *testing.T, ctx context.Context, epoch, step int) []byte {
	t.Helper()
	cond := fmt.Sprintf(`document.getElementById("grid").dataset.step == "%d"`, step)
	err := chromedp.Do(ctx, chromedp.Poll[chromedp.Void](cond, chromedp.WithPollingTimeout(90*time.Second)))
	var src string
	if err == nil {
		src, err = chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById("grid").src`))
	}
	if err != nil {
		t.Fatalf("the page never showed epoch %d's grid (step %d): %v", epoch, step, err)
	}
	raw, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(src, "data:image/png;base64,"))
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

func TestTrainingPageInChromium(t *testing.T) {
	ctx := browser(t)
	cfg := fakeRun(t)
	page := gatedPage{NewTrainPage(), make(chan struct{}), make(chan struct{})}
	srv := httptest.NewServer(Limit(page.Handler()))
	t.Cleanup(srv.Close)
	cfg.Watch = page
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL)); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- train.Run(context.Background(), cfg, &strings.Builder{}) }()
	select {
	case <-page.epoch1:
	case err := <-done:
		t.Fatalf("training ended before epoch 1 did: %v", err)
	}
	first := waitGrid(t, ctx, 1, 5)
	close(page.resume)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	page.Ended(nil)
	second := waitGrid(t, ctx, 2, 10)
	if err := chromedp.Do(ctx, chromedp.Poll[chromedp.Void](`document.getElementById("status").textContent == "training finished"`,
		chromedp.WithPollingTimeout(30*time.Second))); err != nil {
		t.Fatalf("the page does not say training finished: %v", err)
	}
	screenshot(t, ctx, "train-page.png")
	if bytes.Equal(first, second) {
		t.Fatal("the grid did not change between the two epochs")
	}
	for epoch, shown := range map[int][]byte{1: first, 2: second} {
		want, err := os.ReadFile(filepath.Join(cfg.OutDir, train.EpochImageName(epoch)))
		if err != nil {
			t.Fatal(err)
		}
		if !samePixels(t, shown, want) {
			t.Errorf("the page's grid of epoch %d differs from %s", epoch, train.EpochImageName(epoch))
		}
	}
}

func TestExplorerInChromium(t *testing.T) {
	ctx := browser(t)
	srv, ck := explorerServer(t)
	const expr = "(3+5+7)/3 - (2+4+6)/3 + 11"
	// The pixels the page drew: its image of the expression painted on a
	// canvas, the red channel as base64.
	read := `(() => { const img = document.getElementById("exprimg"), c = document.createElement("canvas");
		c.width = img.naturalWidth; c.height = img.naturalHeight;
		const g = c.getContext("2d"); g.drawImage(img, 0, 0);
		const d = g.getImageData(0, 0, c.width, c.height).data, out = new Uint8Array(d.length / 4);
		for (let i = 0; i < out.length; i++) out[i] = d[4 * i];
		return c.width + "x" + c.height + ":" + btoa(String.fromCharCode(...out)); })()`
	err := chromedp.Do(ctx, chromedp.Navigate(srv.URL),
		chromedp.Poll[chromedp.Void](`document.body.dataset.ready == "1"`, chromedp.WithPollingTimeout(60*time.Second)),
		chromedp.SetValue("#expr", expr),
		chromedp.Click("#draw"),
		chromedp.Poll[chromedp.Void](`(document.getElementById("exprimg").dataset.url || "").includes("expr.png")`,
			chromedp.WithPollingTimeout(60*time.Second)))
	var pixels string
	if err == nil {
		pixels, err = chromedp.Run(ctx, chromedp.Evaluate[string](read))
	}
	if err != nil {
		t.Fatal(err)
	}
	screenshot(t, ctx, "explore-page.png")
	path := filepath.Join(t.TempDir(), "arith.png")
	src := latent.Source{Checkpoint: ck, GPU: gputest.Options()}
	if err := latent.Arith(latent.ArithConfig{Source: src, Expr: expr, PNG: path}, &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	raw, _ := os.ReadFile(path)
	want, err := png.Decode(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	size, data, _ := strings.Cut(pixels, ":")
	got, err := base64.StdEncoding.DecodeString(data)
	b := want.Bounds()
	if err != nil || size != fmt.Sprintf("%dx%d", b.Dx(), b.Dy()) {
		t.Fatalf("the page drew %s, arith %dx%d (%v)", size, b.Dx(), b.Dy(), err)
	}
	for y := 0; y < b.Dy(); y++ {
		for x := 0; x < b.Dx(); x++ {
			if r, _, _, _ := want.At(x, y).RGBA(); got[y*b.Dx()+x] != uint8(r>>8) {
				t.Fatalf("pixel (%d,%d): the page drew %d, arith %d", x, y, got[y*b.Dx()+x], r>>8)
			}
		}
	}
}
