package train

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
)

// lockFileName is the file in --out that a run holds an flock on.
const lockFileName = ".dcganvk.lock"

// outLock is a run's hold on its --out folder: one run at a time, whether
// it starts afresh or resumes.
type outLock struct{ f *os.File }

// lockOut takes an exclusive flock on dir's lock file and writes this
// process's PID into it, or refuses with the PID of the process holding it.
// The kernel drops the lock when the process ends, however it ends.
func lockOut(dir string) (*outLock, error) {
	f, err := os.OpenFile(filepath.Join(dir, lockFileName), os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("locking --out %s: %w", dir, err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		holder, _ := io.ReadAll(io.LimitReader(f, 32))
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, fmt.Errorf("--out %s is in use by another dcganvk train (PID %s): wait for it to end, or choose another --out",
				dir, strings.TrimSpace(string(holder)))
		}
		return nil, fmt.Errorf("locking --out %s: %w", dir, err)
	}
	if err := f.Truncate(0); err != nil {
		f.Close()
		return nil, fmt.Errorf("locking --out %s: %w", dir, err)
	}
	if _, err := f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0); err != nil {
		f.Close()
		return nil, fmt.Errorf("locking --out %s: %w", dir, err)
	}
	return &outLock{f: f}, nil
}

// release gives the folder up.
func (l *outLock) release() error { return l.f.Close() }
