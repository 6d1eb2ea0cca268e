package web

import (
	"fmt"
	"net/http"
)

// What one request may send. The pages send nothing larger than a short
// query; anything more is refused before a handler sees it.
const (
	// MaxQueryBytes bounds a request's query string (an expression of
	// latent.MaxExprBytes, URL-escaped, fits).
	MaxQueryBytes = 4096
	// MaxBodyBytes bounds a request's body: no endpoint reads one.
	MaxBodyBytes = 1024
	// MaxHeaderBytes bounds a request's headers.
	MaxHeaderBytes = 16 << 10
)

// Limit refuses what no endpoint takes: methods other than GET and HEAD,
// over-long queries and bodies.
func Limit(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.Method != http.MethodGet && r.Method != http.MethodHead:
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, fmt.Sprintf("method %s: only GET and HEAD", r.Method), http.StatusMethodNotAllowed)
		case len(r.URL.RawQuery) > MaxQueryBytes:
			http.Error(w, fmt.Sprintf("a query of %d bytes: at most %d", len(r.URL.RawQuery), MaxQueryBytes), http.StatusRequestURITooLong)
		case r.ContentLength > MaxBodyBytes:
			http.Error(w, fmt.Sprintf("a body of %d bytes: at most %d", r.ContentLength, MaxBodyBytes), http.StatusRequestEntityTooLarge)
		default:
			r.Body = http.MaxBytesReader(w, r.Body, MaxBodyBytes)
			h.ServeHTTP(w, r)
		}
	})
}
