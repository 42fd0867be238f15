// Command batch is a small batch job of the kind a team writes once and runs nightly: it reads a
// stream of orders, totals them per customer, and exits. It serves nothing over HTTP; it writes two
// heap profiles itself (runtime/pprof), one halfway and one at the end, into -out.
//
// It has one deliberate leak: every order's note is remembered in a package-level map that is
// never pruned (seen, in dedupe.go), so the live heap grows with the input.
package main

import (
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
)

func main() {
	orders := flag.Int("orders", 200000, "number of orders to process")
	out := flag.String("out", ".", "folder for heap-1.pb.gz and heap-2.pb.gz")
	flag.Parse()
	if err := os.MkdirAll(*out, 0o755); err != nil {
		log.Fatal(err)
	}

	totals := map[string]int64{}
	for i := 0; i < *orders; i++ {
		o := decode(line(i))
		if remember(o) {
			totals[o.Customer] += o.Cents
		}
		if i == *orders/2 {
			writeHeapProfile(filepath.Join(*out, "heap-1.pb.gz"))
		}
	}
	writeHeapProfile(filepath.Join(*out, "heap-2.pb.gz"))
	fmt.Printf("%d customers, %d orders remembered\n", len(totals), len(seen))
}

// writeHeapProfile writes the heap as of a fresh GC, so inuse_space is the live heap now.
func writeHeapProfile(path string) {
	runtime.GC()
	f, err := os.Create(path)
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	if err := pprof.WriteHeapProfile(f); err != nil {
		log.Fatal(err)
	}
	fmt.Fprintf(os.Stderr, "wrote %s\n", path)
}
