// Command many parks N goroutines in stacks shaped like a network service's
// (a request travels through a handler, a service, a repository and a client
// before it blocks) and writes their debug=2 dump to -out. It is the seed of
// the large benchmark dump: data/gen/repeat-goroutines.awk repeats its records
// with fresh ids up to a million goroutines.
//
//	many -n 20000 -out FILE
package main

import (
	"flag"
	"log"
	"os"
	"runtime"
	"sync"
	"time"
)

type request struct {
	id    int
	route string
	body  []byte
}

type server struct{ backend *backend }

// Every channel has one role, so no two waiting goroutines can meet on one.
type backend struct {
	mu       sync.Mutex
	replies  chan []byte // only received from
	requests chan []byte // only sent on
	slots    chan struct{}
	ticks    chan time.Time
}

// Five kinds of waits at the bottom of five stack shapes.
func (b *backend) call(r *request, kind int) {
	switch kind {
	case 0:
		<-b.replies
	case 1:
		b.requests <- r.body
	case 2:
		select {
		case <-b.ticks:
		case b.slots <- struct{}{}:
		}
	case 3:
		b.mu.Lock()
	default:
		time.Sleep(24 * time.Hour)
	}
}

func (s *server) client(r *request, kind int)     { s.backend.call(r, kind) }
func (s *server) repository(r *request, kind int) { s.client(r, kind) }
func (s *server) cache(r *request, kind int)      { s.repository(r, kind) }
func (s *server) service(r *request, kind int)    { s.cache(r, kind) }
func (s *server) authorize(r *request, kind int)  { s.service(r, kind) }
func (s *server) decode(r *request, kind int)     { s.authorize(r, kind) }
func (s *server) route(r *request, kind int)      { s.decode(r, kind) }
func (s *server) handle(r *request, kind int)     { s.route(r, kind) }
func (s *server) serveConn(r *request, kind int)  { s.handle(r, kind) }

func main() {
	n := flag.Int("n", 20000, "goroutines to park")
	out := flag.String("out", "many-debug2.txt", "where to write the debug=2 dump")
	flag.Parse()
	runtime.GOMAXPROCS(2)
	b := &backend{replies: make(chan []byte), requests: make(chan []byte), slots: make(chan struct{}), ticks: make(chan time.Time)}
	b.mu.Lock()
	s := &server{backend: b}
	for i := 0; i < *n; i++ {
		r := &request{id: i, route: "/v1/orders", body: make([]byte, 16)}
		go s.serveConn(r, i%5)
	}
	for deadline := time.Now().Add(time.Minute); runtime.NumGoroutine() != *n+1; time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			log.Fatalf("%d goroutines, expected %d", runtime.NumGoroutine(), *n+1)
		}
	}
	time.Sleep(500 * time.Millisecond)
	f, err := os.Create(*out)
	if err != nil {
		log.Fatal(err)
	}
	// runtime/pprof stops debug=2 at 64 MiB; runtime.Stack with a large enough buffer does not.
	buf := make([]byte, 256<<20)
	buf = buf[:runtime.Stack(buf, true)]
	if _, err := f.Write(buf); err != nil {
		log.Fatal(err)
	}
	if err := f.Close(); err != nil {
		log.Fatal(err)
	}
}
