package train

import (
	"bufio"
	"bytes"
	"image"
	"image/color"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/jezek/xgb"
	"github.com/jezek/xgb/xproto"

	"dcganvk/nn/dcgan"
	"dcganvk/train/imageio"
)

// startXvfb starts a virtual X display for the test and returns its name.
// Xvfb picks a free display number itself (-displayfd) and reports it.
func startXvfb(t *testing.T) string {
	t.Helper()
	bin, err := exec.LookPath("Xvfb")
	if err != nil {
		t.Fatal("Xvfb is not installed (make deps installs it)")
	}
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	cmd := exec.Command(bin, "-displayfd", "3", "-screen", "0", "1024x768x24", "-nolisten", "tcp")
	cmd.ExtraFiles = []*os.File{w} // fd 3
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	w.Close()
	t.Cleanup(func() {
		cmd.Process.Signal(syscall.SIGTERM) // lets Xvfb remove its lock and socket
		cmd.Wait()
	})
	line := make(chan string, 1)
	go func() {
		s, _ := bufio.NewReader(r).ReadString('\n')
		line <- strings.TrimSpace(s)
	}()
	select {
	case n := <-line:
		if n == "" {
			t.Fatal("Xvfb did not start")
		}
		return ":" + n
	case <-time.After(10 * time.Second):
		t.Fatal("Xvfb did not report its display in 10 s")
	}
	return ""
}

// screenshot reads the top-left w x h pixels of the display's root window
// (Xvfb has no window manager: a new window sits at 0,0).
func screenshot(display string, w, h int) (*image.RGBA, error) {
	conn, err := xgb.NewConnDisplay(display)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	root := xproto.Setup(conn).DefaultScreen(conn).Root
	reply, err := xproto.GetImage(conn, xproto.ImageFormatZPixmap, xproto.Drawable(root),
		0, 0, uint16(w), uint16(h), 0xffffffff).Reply()
	if err != nil {
		return nil, err
	}
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for i := range w * h {
		bgrx := reply.Data[4*i : 4*i+4] // 32-bit BGRX pixels
		img.Pix[4*i], img.Pix[4*i+1], img.Pix[4*i+2], img.Pix[4*i+3] = bgrx[2], bgrx[1], bgrx[0], 255
	}
	return img, nil
}

// TestPreviewShowsTheGridUnderXvfb trains an epoch with --preview on a
// virtual display, of grey digits and of colour pictures, and compares a
// screenshot of the window with the epoch's PNG grid: the same pixels,
// drawn on the device and presented through the swapchain.
func TestPreviewShowsTheGridUnderXvfb(t *testing.T) {
	for _, c := range []struct {
		name  string
		data  func(t *testing.T) string
		batch int
		geo   dcgan.Geometry
	}{
		{"grey", func(t *testing.T) string { return fakeMNIST(t, 14) }, 4, dcgan.MNIST},
		{"colour", func(t *testing.T) string { return pictureFolder(t, 5) }, 2, dcgan.Geometry{Size: 32, Channels: 3}},
	} {
		t.Run(c.name, func(t *testing.T) {
			display := startXvfb(t)
			t.Setenv("DISPLAY", display)
			cfg := quickConfig(t, c.data(t))
			cfg.Epochs, cfg.Batch, cfg.Preview = 1, c.batch, true
			size := imageio.Grid(make([]float32, GridSize*c.geo.Size*c.geo.Size*c.geo.Channels), GridSize, c.geo, 4).Bounds()
			var shot *image.RGBA
			var shotErr error
			cfg.AfterPreview = func() {
				// The X server may show the frame a moment after the present.
				for range 40 {
					shot, shotErr = screenshot(display, size.Dx(), size.Dy())
					if shotErr == nil && shot.RGBAAt(1, 1) == (color.RGBA{64, 64, 64, 255}) {
						return
					}
					time.Sleep(50 * time.Millisecond)
				}
			}
			mustRun(t, cfg)
			if shotErr != nil || shot == nil {
				t.Fatalf("no screenshot: %v", shotErr)
			}
			want, err := imageio.ReadPNG(filepath.Join(cfg.OutDir, EpochImageName(1)))
			if err != nil {
				t.Fatal(err)
			}
			diff := 0
			for y := range size.Dy() {
				for x := range size.Dx() {
					if shot.RGBAAt(x, y) != color.RGBAModel.Convert(want.At(x, y)) {
						diff++
					}
				}
			}
			if diff > 0 {
				imageio.SavePNG(filepath.Join(t.TempDir(), "shot.png"), shot)
				t.Fatalf("%d pixels of the window differ from the epoch's grid", diff)
			}
		})
	}
}

func TestPreviewWithoutADisplayTrainsOn(t *testing.T) {
	t.Setenv("DISPLAY", "")
	t.Setenv("WAYLAND_DISPLAY", "")
	cfg := quickConfig(t, fakeMNIST(t, 14))
	cfg.Epochs, cfg.Preview = 1, true
	var log bytes.Buffer
	if err := Run(t.Context(), cfg, &log); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(log.String(), "preview: no window") {
		t.Fatalf("no notice about the missing display in:\n%s", log.String())
	}
}

// closeWindows asks every top-level window of the display to close, as a
// window manager's close button does (WM_DELETE_WINDOW).
func closeWindows(display string) error {
	conn, err := xgb.NewConnDisplay(display)
	if err != nil {
		return err
	}
	defer conn.Close()
	root := xproto.Setup(conn).DefaultScreen(conn).Root
	tree, err := xproto.QueryTree(conn, root).Reply()
	if err != nil {
		return err
	}
	atom := func(name string) (xproto.Atom, error) {
		r, err := xproto.InternAtom(conn, false, uint16(len(name)), name).Reply()
		if err != nil {
			return 0, err
		}
		return r.Atom, nil
	}
	protocols, err := atom("WM_PROTOCOLS")
	if err != nil {
		return err
	}
	del, err := atom("WM_DELETE_WINDOW")
	if err != nil {
		return err
	}
	for _, w := range tree.Children {
		ev := xproto.ClientMessageEvent{Format: 32, Window: w, Type: protocols,
			Data: xproto.ClientMessageDataUnionData32New([]uint32{uint32(del), 0, 0, 0, 0})}
		if err := xproto.SendEventChecked(conn, false, w, 0, string(ev.Bytes())).Check(); err != nil {
			return err
		}
	}
	return nil
}

func TestClosingThePreviewLeavesTrainingRunning(t *testing.T) {
	display := startXvfb(t)
	t.Setenv("DISPLAY", display)
	cfg := quickConfig(t, fakeMNIST(t, 14))
	cfg.Epochs, cfg.Preview = 2, true
	closed := false
	cfg.AfterPreview = func() {
		if !closed {
			closed = true
			if err := closeWindows(display); err != nil {
				t.Error(err)
			}
		}
	}
	var log bytes.Buffer
	if err := Run(t.Context(), cfg, &log); err != nil {
		t.Fatalf("%v\n%s", err, log.String())
	}
	if !strings.Contains(log.String(), "preview: window closed; training goes on") {
		t.Errorf("the window did not close:\n%s", log.String())
	}
	if rows := strings.Count(lossColumns(t, cfg.OutDir), "\n"); rows != 6 {
		t.Errorf("training stopped with the window: %d of 6 steps", rows)
	}
}
