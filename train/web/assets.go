package web

import (
	"embed"
	"html/template"
	"io/fs"
	"net/http"
)

//go:embed assets
var assetFS embed.FS

// pages are the HTML pages, parsed once.
var pages = template.Must(template.ParseFS(assetFS, "assets/*.html"))

// assets serves the embedded scripts and styles under /assets/.
func assets() http.Handler {
	sub, _ := fs.Sub(assetFS, "assets")
	return http.StripPrefix("/assets/", http.FileServer(http.FS(sub)))
}

// page serves one of the HTML pages.
func page(name string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		if err := pages.ExecuteTemplate(w, name, nil); err != nil {
			http.Error(w, "rendering "+name+": "+err.Error(), http.StatusInternalServerError)
		}
	})
}
