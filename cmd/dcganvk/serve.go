package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"time"

	"dcganvk/train/web"
)

// serve listens on addr (an error at once if it cannot), prints the URL
// and serves h; the function it returns stops the server, giving open
// pages a second to take the last events.
func serve(addr string, h http.Handler, log io.Writer) (stop func(), done <-chan error, err error) {
	l, url, err := web.Listen(addr)
	if err != nil {
		return nil, nil, err
	}
	srv, done := web.Serve(l, h)
	fmt.Fprintf(log, "serving %s\n", url)
	return func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		if srv.Shutdown(ctx) != nil {
			srv.Close()
		}
	}, done, nil
}
