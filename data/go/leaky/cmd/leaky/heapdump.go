package main

import (
	"io"
	"net/http"
	"os"
	"runtime/debug"
)

// heapDump serves runtime/debug.WriteHeapDump for `gomemlab heapdump` and
// #!heapdump. The runtime writes to a file descriptor, so the dump goes to a
// temporary file, is streamed, and is removed. The world is stopped while the
// dump is written: about a second per GB of heap (docs/formats/heapdump.md).
func heapDump(w http.ResponseWriter, _ *http.Request) {
	f, err := os.CreateTemp("", "heapdump-*")
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	defer os.Remove(f.Name())
	defer f.Close()
	debug.WriteHeapDump(f.Fd())
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/octet-stream")
	io.Copy(w, f)
}
