package main

import (
	"expvar"
	"fmt"
	"net"
	"net/http"
	"net/http/pprof"
)

// serveDebug serves net/http/pprof under /debug/pprof/, expvar under
// /debug/vars and a heap dump under /debug/heapdump. It refuses anything but a loopback address: these endpoints
// expose the process's internals and must not be reachable from outside.
// It prints the bound address, useful when the port is 0 (chosen by the OS).
func serveDebug(addr string) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return err
	}
	if ip := net.ParseIP(host); host != "localhost" && (ip == nil || !ip.IsLoopback()) {
		return fmt.Errorf("debug address %q is not loopback", addr)
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/debug/pprof/", pprof.Index)
	mux.HandleFunc("/debug/pprof/cmdline", pprof.Cmdline)
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
	mux.HandleFunc("/debug/pprof/trace", pprof.Trace)
	mux.Handle("/debug/vars", expvar.Handler())
	mux.HandleFunc("/debug/heapdump", heapDump)
	fmt.Printf("listening on http://%s\n", ln.Addr())
	go http.Serve(ln, mux)
	return nil
}
