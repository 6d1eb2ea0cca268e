// Package filetest writes the small files that tests of several packages
// build their inputs from.
package filetest

import (
	"os"
	"path/filepath"
	"testing"
)

// Write writes data to dir/name and returns the path; a failure fails t.
func Write(t testing.TB, dir, name string, data []byte) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}
