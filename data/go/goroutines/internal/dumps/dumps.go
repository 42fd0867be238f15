// Package dumps writes a program's goroutine profile in the three forms
// runtime/pprof offers: protobuf (debug=0), the count text (debug=1) and
// every goroutine's stack (debug=2).
package dumps

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime/pprof"
)

// WriteAll writes PREFIX.pb.gz, PREFIX-debug1.txt and PREFIX-debug2.txt into
// dir, in that order, and returns their paths.
func WriteAll(dir, prefix string) ([]string, error) {
	var paths []string
	for _, form := range []struct {
		suffix string
		debug  int
	}{{".pb.gz", 0}, {"-debug1.txt", 1}, {"-debug2.txt", 2}} {
		path := filepath.Join(dir, prefix+form.suffix)
		if err := write(path, form.debug); err != nil {
			return nil, err
		}
		paths = append(paths, path)
	}
	return paths, nil
}

func write(path string, debug int) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := pprof.Lookup("goroutine").WriteTo(f, debug); err != nil {
		f.Close()
		return fmt.Errorf("%s: %w", path, err)
	}
	return f.Close()
}
