package train

import (
	"bytes"
	"errors"
	"image"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
)

func TestOutputToAPipeIsWrittenThrough(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	got := make(chan []byte)
	go func() {
		b, _ := io.ReadAll(r)
		got <- b
	}()
	// /dev/stdout is such a path: a link to the process's descriptor 1.
	path := "/proc/self/fd/" + strconv.Itoa(int(w.Fd()))
	err = SavePNG(path, image.NewGray(image.Rect(0, 0, 3, 2)))
	w.Close()
	if err != nil {
		t.Fatal(err)
	}
	if b := <-got; !bytes.HasPrefix(b, []byte("\x89PNG")) {
		t.Fatalf("the pipe got %q", b)
	}
}

func TestOutputThroughASymlinkKeepsTheLink(t *testing.T) {
	dir := t.TempDir()
	target := write(t, dir, "target.npy", []byte("old"))
	link := filepath.Join(dir, "link.npy")
	if err := os.Symlink("target.npy", link); err != nil {
		t.Fatal(err)
	}
	if err := WriteNoiseNPY(link, FixedNoise(1, 2)); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Fatalf("the link was replaced: %v", err)
	}
	if _, n, err := ReadNoiseNPY(target); err != nil || n != 2 {
		t.Fatalf("the link's target: %d vectors, %v", n, err)
	}
}

// TestDeviceFileIsNotReplaced writes images to /dev/null as root would. It
// runs itself again under `unshare -m`, in a private mount namespace whose
// /dev is a fresh tmpfs holding its own null device, so the machine's
// /dev/null is never at stake.
func TestDeviceFileIsNotReplaced(t *testing.T) {
	if os.Getenv("DCGANVK_PRIVATE_DEV") == "1" {
		if err := WriteImagesNPY("/dev/null", make([]float32, 2*784)); err != nil {
			t.Fatal(err)
		}
		if err := SavePNG("/dev/null", image.NewGray(image.Rect(0, 0, 3, 2))); err != nil {
			t.Fatal(err)
		}
		if fi, err := os.Stat("/dev/null"); err != nil || fi.Mode()&os.ModeCharDevice == 0 {
			t.Fatalf("/dev/null is no longer a device: %v %v", fi.Mode(), err)
		}
		return
	}
	if out, err := exec.Command("unshare", "-m", "sh", "-c", "mount -t tmpfs tmpfs /dev && mknod /dev/null c 1 3").CombinedOutput(); err != nil {
		t.Skipf("no private mount namespace with a device node (unshare -m needs root or CAP_SYS_ADMIN and CAP_MKNOD): %v %s", err, out)
	}
	cmd := exec.Command("unshare", "-m", "sh", "-c",
		`mount -t tmpfs tmpfs /dev && mknod -m 666 /dev/null c 1 3 && exec "$0" -test.run='^TestDeviceFileIsNotReplaced$' -test.v`, os.Args[0])
	cmd.Env = append(os.Environ(), "DCGANVK_PRIVATE_DEV=1")
	out, err := cmd.CombinedOutput()
	var exit *exec.ExitError
	if errors.As(err, &exit) || !bytes.Contains(out, []byte("--- PASS")) {
		t.Fatalf("in the private namespace: %v\n%s", err, out)
	}
	if err != nil {
		t.Fatal(err)
	}
}
