package web

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"strconv"
	"time"
)

// Listen listens on addr: a bare port ("8080") means 127.0.0.1 only, an
// explicit host ("0.0.0.0:8080") is taken as given. It returns the
// listener and the URL to print.
func Listen(addr string) (net.Listener, string, error) {
	if port, err := strconv.Atoi(addr); err == nil && port >= 0 && port < 1<<16 {
		addr = net.JoinHostPort("127.0.0.1", addr)
	}
	if _, _, err := net.SplitHostPort(addr); err != nil {
		return nil, "", fmt.Errorf("--serve %q: need a port (8080) or HOST:PORT (0.0.0.0:8080)", addr)
	}
	l, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, "", fmt.Errorf("--serve %s: %w", addr, err)
	}
	host, port, _ := net.SplitHostPort(l.Addr().String())
	if ip := net.ParseIP(host); ip != nil && ip.IsUnspecified() {
		host = "localhost"
	}
	return l, "http://" + net.JoinHostPort(host, port) + "/", nil
}

// Serve serves h on l until l is closed, with the caps of limits.go; it
// returns the server, to shut down, and its result on done.
func Serve(l net.Listener, h http.Handler) (*http.Server, <-chan error) {
	srv := &http.Server{Handler: Limit(h), ReadHeaderTimeout: 10 * time.Second,
		MaxHeaderBytes: MaxHeaderBytes, IdleTimeout: time.Minute}
	done := make(chan error, 1)
	go func() {
		err := srv.Serve(l)
		if errors.Is(err, http.ErrServerClosed) {
			err = nil
		}
		done <- err
	}()
	return srv, done
}
