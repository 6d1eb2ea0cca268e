package web

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"dcganvk/gpu/gputest"
	"dcganvk/train/checkpoint/checkpointtest"
	"dcganvk/train/latent"
)

// get fetches path from srv and returns the status and body.
func get(t *testing.T, srv *httptest.Server, path string) (int, []byte) {
	t.Helper()
	r, err := http.Get(srv.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Body.Close()
	body, err := io.ReadAll(r.Body)
	if err != nil {
		t.Fatal(err)
	}
	return r.StatusCode, body
}

// explorerServer serves an explorer of a checkpoint of Keras' initial
// generator (seed 5) on the device; it returns the checkpoint's path too.
func explorerServer(t *testing.T) (*httptest.Server, string) {
	t.Helper()
	ck := checkpointtest.Generator(t)
	d, err := latent.OpenDrawer(PageSize, false, gputest.Options())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := d.Close(); err != nil {
			t.Error(err)
		}
	})
	e, err := NewExplorer(d, ck, false, &bytes.Buffer{})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(Limit(e.Handler()))
	t.Cleanup(srv.Close)
	return srv, ck
}
