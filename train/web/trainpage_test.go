package web

import (
	"bufio"
	"context"
	"encoding/json"
	"image"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"dcganvk/gpu/gputest"
	"dcganvk/internal/filetest"
	"dcganvk/train"
	"dcganvk/train/mnist"
	"dcganvk/train/mnist/mnisttest"
)

// readEvent reads the next server-sent event: its name and data.
func readEvent(t *testing.T, r *bufio.Reader) (string, string) {
	t.Helper()
	var name, data string
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			t.Fatalf("reading the event stream: %v", err)
		}
		line = strings.TrimRight(line, "\n")
		switch {
		case line == "" && name != "":
			return name, data
		case strings.HasPrefix(line, "event: "):
			name = line[len("event: "):]
		case strings.HasPrefix(line, "data: "):
			data = line[len("data: "):]
		}
	}
}

// openEvents connects to the page's event stream.
func openEvents(t *testing.T, srv *httptest.Server) *bufio.Reader {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	req, _ := http.NewRequestWithContext(ctx, "GET", srv.URL+"/events", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Fatalf("events: content type %q", ct)
	}
	return bufio.NewReader(resp.Body)
}

func TestTrainPageSendsTheHistoryThenEachEvent(t *testing.T) {
	p := NewTrainPage()
	srv := httptest.NewServer(Limit(p.Handler()))
	t.Cleanup(srv.Close)
	run := &train.RunRecord{Device: "test device", Flags: train.Config{Epochs: 3}, Images: 40}
	p.Started(run, 10, []train.LossRow{{Step: 1, Epoch: 1, GenLoss: 0.5, DiscLoss: 1.5}})
	p.Stepped(train.LossRow{Step: 2, Epoch: 1, GenLoss: 0.25, DiscLoss: 1.25})
	p.Drew(image.NewGray(image.Rect(0, 0, 8, 8)), 1, 2)
	late := openEvents(t, srv)
	name, data := readEvent(t, late)
	var s trainState
	if err := json.Unmarshal([]byte(data), &s); err != nil || name != "state" {
		t.Fatalf("first event %s %v", name, err)
	}
	if len(s.Steps) != 2 || s.Steps[1][2] != 0.25 || s.Device != "test device" || s.Grid == nil ||
		!strings.HasPrefix(s.Grid.PNG, "data:image/png;base64,") || s.Epochs != 3 {
		t.Fatalf("a page opened mid-run got %+v", s)
	}
	p.Finished(train.EpochRecord{Epoch: 1, GenLoss: 0.25, Alarms: []string{"collapse alarm: test"}})
	p.Ended(nil)
	for _, want := range []string{"epoch", "end"} {
		if name, data := readEvent(t, late); name != want {
			t.Fatalf("event %s %s, want %s", name, data, want)
		}
	}
	_, page := get(t, srv, "/")
	_, script := get(t, srv, "/assets/train.js")
	if !strings.Contains(string(page), `src="/assets/train.js"`) || !strings.Contains(string(script), "EventSource") {
		t.Error("the page or its script is missing")
	}
}

func TestAStalledClientDoesNotHoldTrainingUp(t *testing.T) {
	p := NewTrainPage()
	srv := httptest.NewServer(Limit(p.Handler()))
	t.Cleanup(srv.Close)
	p.Started(&train.RunRecord{Flags: train.Config{Epochs: 1}}, 100000, nil)
	// Connected, and never reading past the first event.
	stalled := openEvents(t, srv)
	readEvent(t, stalled)
	// Noise compresses badly: 600 grids of about 220 KB overflow any socket
	// buffer and the client's ClientBuffer events.
	grid := image.NewGray(image.Rect(0, 0, 468, 468))
	for i := range grid.Pix {
		grid.Pix[i] = uint8(i * 2654435761 >> 13)
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		for i := 1; i <= 3000; i++ {
			p.Stepped(train.LossRow{Step: i, Epoch: 1})
			if i%5 == 0 {
				p.Drew(grid, 1, i)
			}
		}
	}()
	select {
	case <-done:
	case <-time.After(time.Minute):
		t.Fatal("3600 events did not go out in a minute with a stalled client: publishing blocks")
	}
	if len(p.state.Steps) != 3000 {
		t.Fatalf("the page holds %d steps", len(p.state.Steps))
	}
}

func TestListenRefusesWhatItCannotListenOn(t *testing.T) {
	l, url, err := Listen("0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	if host, _, _ := net.SplitHostPort(l.Addr().String()); host != "127.0.0.1" || !strings.HasPrefix(url, "http://127.0.0.1:") {
		t.Errorf("a bare port listens on %s (%s), want 127.0.0.1 only", l.Addr(), url)
	}
	for _, addr := range []string{l.Addr().String(), "no-port", "256.1.1.1:80", "localhost:99999"} {
		if l2, _, err := Listen(addr); err == nil {
			l2.Close()
			t.Errorf("--serve %s: accepted", addr)
		}
	}
}

func TestLimitRefusesLongQueriesBodiesAndOtherMethods(t *testing.T) {
	srv := httptest.NewServer(Limit(NewTrainPage().Handler()))
	t.Cleanup(srv.Close)
	post, err := http.Post(srv.URL+"/", "text/plain", strings.NewReader("x"))
	if err != nil {
		t.Fatal(err)
	}
	post.Body.Close()
	big, _ := http.NewRequest("GET", srv.URL+"/", strings.NewReader(strings.Repeat("x", MaxBodyBytes+1)))
	bigResp, err := http.DefaultClient.Do(big)
	if err != nil {
		t.Fatal(err)
	}
	bigResp.Body.Close()
	long, _ := get(t, srv, "/?q="+strings.Repeat("a", MaxQueryBytes))
	if post.StatusCode != 405 || bigResp.StatusCode != 413 || long != 414 {
		t.Errorf("POST %d, big body %d, long query %d", post.StatusCode, bigResp.StatusCode, long)
	}
}

// fakeRun is a short training run's config on random images.
func fakeRun(t *testing.T) train.Config {
	data := t.TempDir()
	filetest.Write(t, data, mnist.TrainImagesFile, mnisttest.Gzip(mnisttest.Images(22, 28, 28)))
	cfg := train.DefaultConfig()
	cfg.Epochs, cfg.Batch, cfg.CheckpointEvery, cfg.EvalEvery = 2, 4, 1, 0
	cfg.DataDir, cfg.OutDir, cfg.GPU, cfg.Version = data, t.TempDir(), gputest.Options(), "test"
	return cfg
}

// lossColumns is losses.csv without its timing column.
func lossColumns(t *testing.T, out string) string {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(out, "losses.csv"))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, line := range strings.Split(strings.TrimSpace(string(raw)), "\n") {
		cols := strings.Split(line, ",")
		b.WriteString(strings.Join(cols[:4], ",") + "\n")
	}
	return b.String()
}

func TestServingGivesTheSameLossesBitForBit(t *testing.T) {
	plain, served := fakeRun(t), fakeRun(t)
	served.DataDir = plain.DataDir
	if err := train.Run(context.Background(), plain, &strings.Builder{}); err != nil {
		t.Fatal(err)
	}
	p := NewTrainPage()
	srv := httptest.NewServer(Limit(p.Handler()))
	t.Cleanup(srv.Close)
	events := openEvents(t, srv)
	readEvent(t, events)
	served.Watch = p
	if err := train.Run(context.Background(), served, &strings.Builder{}); err != nil {
		t.Fatal(err)
	}
	a, b := lossColumns(t, plain.OutDir), lossColumns(t, served.OutDir)
	if a != b || strings.Count(a, "\n") != 11 {
		t.Fatalf("losses with --serve differ from those without:\n%s\n%s", a, b)
	}
	grids := 0
	for grids < 2 { // a grid every PreviewEvery steps and at the end of each epoch
		if name, _ := readEvent(t, events); name == "grid" {
			grids++
		}
	}
	if len(p.state.Steps) != 10 || p.state.Grid == nil || p.state.Grid.Epoch != 2 || len(p.state.Finished) != 2 {
		t.Fatalf("the page followed %d steps, grid %v, %d epochs", len(p.state.Steps), p.state.Grid != nil, len(p.state.Finished))
	}
}
