package safefile

import (
	"bytes"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"

	"dcganvk/internal/filetest"
)

// writeBytes writes data to path through Write.
func writeBytes(path string, data []byte) error {
	return Write(path, func(w io.Writer) error { _, err := w.Write(data); return err })
}

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
	err = writeBytes(path, []byte("\x89PNG through the pipe"))
	w.Close()
	if err != nil {
		t.Fatal(err)
	}
	if b := <-got; !bytes.Equal(b, []byte("\x89PNG through the pipe")) {
		t.Fatalf("the pipe got %q", b)
	}
}

func TestOutputThroughASymlinkKeepsTheLink(t *testing.T) {
	dir := t.TempDir()
	target := filetest.Write(t, dir, "target.npy", []byte("old"))
	link := filepath.Join(dir, "link.npy")
	if err := os.Symlink("target.npy", link); err != nil {
		t.Fatal(err)
	}
	if err := writeBytes(link, []byte("new")); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Fatalf("the link was replaced: %v", err)
	}
	if got, err := os.ReadFile(target); err != nil || string(got) != "new" {
		t.Fatalf("the link's target holds %q, %v", got, err)
	}
	if fi, err := os.Stat(target); err != nil || fi.Mode().Perm() != 0o644 {
		t.Errorf("the target's mode %v, %v", fi.Mode(), err)
	}
}

// TestDeviceFileIsNotReplaced writes to /dev/null as root would. It runs
// itself again under `unshare -m`, in a private mount namespace whose /dev
// is a fresh tmpfs holding its own null device, so the machine's /dev/null
// is never at stake.
func TestDeviceFileIsNotReplaced(t *testing.T) {
	if os.Getenv("DCGANVK_PRIVATE_DEV") == "1" {
		if err := writeBytes("/dev/null", make([]byte, 2*784*4)); err != nil {
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
