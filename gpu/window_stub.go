//go:build nopreview

package gpu

import "errors"

// ErrWindowClosed is returned by Present once the user has closed the window.
var ErrWindowClosed = errors.New("window closed")

var errNoPreview = errors.New("this dcganvk was built without the preview window (-tags nopreview)")

func initWindowing() ([]string, error) { return nil, errNoPreview }

func terminateWindowing() {}

// Window is a desktop window; this build has none.
type Window struct{}

// OpenWindow fails: this build has no windows.
func (c *Device) OpenWindow(title string, width, height int) (*Window, error) {
	return nil, errNoPreview
}

// BGRA is false: there is no window.
func (w *Window) BGRA() bool { return false }

// SetTitle does nothing.
func (w *Window) SetTitle(title string) {}

// Closed is always true.
func (w *Window) Closed() bool { return true }

// Present fails.
func (w *Window) Present(pixels *Buffer, width, height int) error { return ErrWindowClosed }

// Close does nothing.
func (w *Window) Close() {}
