package safefile

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
)

// staleTempPattern matches the temporary files of Write and of a write
// probe named .write-testN (train's check that --out is writable): a kill
// in the middle of a write leaves them.
var staleTempPattern = regexp.MustCompile(`^\..+\.tmp\d+$|^\.write-test\d+$`)

// RemoveStale deletes the temporary files an interrupted run left in dir,
// and says on log which. Only the holder of dir's lock may call it: another
// run's temporary files would be in use.
func RemoveStale(dir string, log io.Writer) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return fmt.Errorf("looking for stale temporary files: %w", err)
	}
	var removed []string
	for _, e := range entries {
		if !e.Type().IsRegular() || !staleTempPattern.MatchString(e.Name()) {
			continue
		}
		if err := os.Remove(filepath.Join(dir, e.Name())); err != nil {
			return fmt.Errorf("removing a stale temporary file: %w", err)
		}
		removed = append(removed, e.Name())
	}
	if len(removed) > 0 {
		fmt.Fprintf(log, "removed %d temporary files left by an interrupted write: %s\n", len(removed), strings.Join(removed, " "))
	}
	return nil
}
