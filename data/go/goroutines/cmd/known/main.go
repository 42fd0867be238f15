// Command known starts goroutines whose numbers, start functions, creation
// sites and states are known in advance, then writes its own goroutine dumps
// (protobuf, debug=1, debug=2) and expected.json, which says what it started.
// Parsers are tested against it: their counts must equal what this program
// started. Each go statement carries a "// site: NAME" comment; its line is
// the creation site a debug=2 dump reports.
//
//	known -out DIR [-hold 65s] [-then exit|panic|wait] [-serve 127.0.0.1:0]
//
// -hold waits before dumping, so that blocked goroutines report wait minutes;
// -then panic panics after dumping (run it with GOTRACEBACK=all to get every
// goroutine on stderr); -then wait blocks until the process is killed (send
// SIGQUIT with GOTRACEBACK=all for a full dump); -serve also serves
// /debug/pprof/ on a loopback address and waits.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"net/http/pprof"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"time"

	"example.com/goroutines/internal/dumps"
)

// group is one go statement (or the main goroutine): what a dump must show for it.
type group struct {
	Start   string `json:"start"`
	State   string `json:"state"`
	Count   int    `json:"count"`
	Site    string `json:"site"`
	Creator string `json:"creator"`
	Locked  int    `json:"locked_to_thread"`
}

type expectation struct {
	GoVersion    string  `json:"go_version"`
	NumGoroutine int     `json:"num_goroutine"`
	HoldMinutes  int     `json:"hold_minutes"`
	Groups       []group `json:"groups"`
}

func main() {
	out := flag.String("out", ".", "directory for the dumps and expected.json")
	hold := flag.Duration("hold", 0, "wait this long before dumping")
	then := flag.String("then", "exit", "after dumping: exit, panic, or wait until killed")
	serve := flag.String("serve", "", "also serve /debug/pprof/ on this loopback address and wait")
	flag.Parse()

	var groups []group
	expect := func(start, state string, count int, site, creator string) {
		groups = append(groups, group{Start: start, State: state, Count: count, Site: site, Creator: creator})
	}
	// Each channel has one role, so that no two goroutines can ever meet on one.
	block := make(chan int)      // only received from: never sent on, never closed
	sendOnly := make(chan int)   // only sent on: never received from
	neverSent := make(chan int)  // one side of the select
	neverTaken := make(chan int) // the other side

	for i := 0; i < 7; i++ {
		go recvForever(block) // site: recv-a
	}
	expect("main.recvForever", "chan receive", 7, "recv-a", "main.main")
	for i := 0; i < 3; i++ {
		go recvForever(block) // site: recv-b
	}
	expect("main.recvForever", "chan receive", 3, "recv-b", "main.main")
	for i := 0; i < 5; i++ {
		go sendForever(sendOnly) // site: send
	}
	expect("main.sendForever", "chan send", 5, "send", "main.main")
	for i := 0; i < 4; i++ {
		go selectForever(neverSent, neverTaken) // site: select
	}
	expect("main.selectForever", "select", 4, "select", "main.main")
	for i := 0; i < 3; i++ {
		go sleepLong() // site: sleep
	}
	expect("main.sleepLong", "sleep", 3, "sleep", "main.main")
	var mu sync.Mutex
	mu.Lock()
	for i := 0; i < 6; i++ {
		go lockForever(&mu) // site: mutex
	}
	expect("main.lockForever", "semacquire", 6, "mutex", "main.main")
	cond := sync.NewCond(&sync.Mutex{})
	for i := 0; i < 2; i++ {
		go waitCond(cond) // site: cond
	}
	expect("main.waitCond", "sync.Cond.Wait", 2, "cond", "main.main")
	var wg sync.WaitGroup
	wg.Add(1)
	for i := 0; i < 3; i++ {
		go waitGroup(&wg) // site: waitgroup
	}
	expect("main.waitGroup", "semacquire", 3, "waitgroup", "main.main")
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	check(err)
	go acceptForever(ln) // site: accept
	expect("main.acceptForever", "IO wait", 1, "accept", "main.main")
	for i := 0; i < 2; i++ {
		go recvNil() // site: nil-chan
	}
	expect("main.recvNil", "chan receive (nil chan)", 2, "nil-chan", "main.main")
	go selectNothing() // site: empty-select
	expect("main.selectNothing", "select (no cases)", 1, "empty-select", "main.main")
	go lockedReceiver(block) // site: locked
	expect("main.lockedReceiver", "chan receive", 1, "locked", "main.main")
	groups[len(groups)-1].Locked = 1
	go spawner(block) // site: spawner
	expect("main.spawner", "chan receive", 1, "spawner", "main.main")
	expect("main.childReceiver", "chan receive", 2, "child", "main.spawner")
	for i := 0; i < 2; i++ {
		go func() { // site: closure
			<-block
		}()
	}
	// The closure is main.main.func2: func1 is expect itself.
	expect("main.main.func2", "chan receive", 2, "closure", "main.main")
	go deep(150, block) // site: deep
	expect("(truncated) main.deep", "chan receive", 1, "deep", "main.main")

	mainState := "running"
	if *then == "wait" || *serve != "" {
		mainState = "select (no cases)"
	}
	groups = append(groups, group{Start: "main.main", State: mainState, Count: 1})

	want := 0
	for _, g := range groups {
		want += g.Count
	}
	// Let every goroutine reach the place where it blocks.
	for deadline := time.Now().Add(5 * time.Second); runtime.NumGoroutine() != want; time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			log.Fatalf("%d goroutines running, expected %d", runtime.NumGoroutine(), want)
		}
	}
	time.Sleep(200 * time.Millisecond)
	// A goroutine's wait clock (waitsince) is set by the first GC that finds it
	// blocked, to the time that GC's predecessor finished marking
	// (work.tstart; src/runtime/mgcmark.go, mgc.go), and a program's first GC
	// has no predecessor. Collect twice, or a program that allocates nothing
	// shows no wait minutes at all.
	runtime.GC()
	runtime.GC()
	time.Sleep(*hold)

	writeJSON(filepath.Join(*out, "expected.json"), expectation{
		GoVersion: runtime.Version(), NumGoroutine: runtime.NumGoroutine(), HoldMinutes: int(hold.Minutes()), Groups: groups,
	})
	if *serve != "" {
		serveDebug(*serve)
		select {}
	}
	paths, err := dumps.WriteAll(*out, "known")
	check(err)
	for _, p := range paths {
		fmt.Fprintln(os.Stderr, "wrote", filepath.Base(p))
	}
	switch *then {
	case "panic":
		panic("known: dumping every goroutine")
	case "wait":
		fmt.Println("waiting")
		select {}
	}
}

// serveDebug serves net/http/pprof on a loopback address and prints it. Its
// own goroutines (the accept loop, connections) come on top of the known ones.
func serveDebug(addr string) {
	if host, _, err := net.SplitHostPort(addr); err != nil || !net.ParseIP(host).IsLoopback() {
		log.Fatalf("-serve %q is not a loopback address", addr)
	}
	ln, err := net.Listen("tcp", addr)
	check(err)
	mux := http.NewServeMux()
	mux.HandleFunc("/debug/pprof/", pprof.Index)
	fmt.Printf("listening on http://%s\n", ln.Addr())
	go http.Serve(ln, mux)
}

func writeJSON(path string, v any) {
	data, err := json.MarshalIndent(v, "", "  ")
	check(err)
	check(os.WriteFile(path, append(data, '\n'), 0o644))
}

func check(err error) {
	if err != nil {
		log.Fatal(err)
	}
}
