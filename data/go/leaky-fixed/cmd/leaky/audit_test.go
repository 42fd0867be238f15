package main

import (
	"bufio"
	"bytes"
	"runtime/pprof"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestAuditsLeaveNoGoroutines fails when audits leave goroutines behind: it
// counts goroutines per start function before and after 64 audits, as
// go.uber.org/goleak compares goroutines before and after a test, and allows
// the ones still finishing a second to end.
func TestAuditsLeaveNoGoroutines(t *testing.T) {
	before := goroutinesByStart(t)
	svc := newService()
	for id := uint64(1); id <= 64; id++ {
		svc.audit(id)
	}
	var grown map[string][2]int
	for deadline := time.Now().Add(time.Second); ; time.Sleep(20 * time.Millisecond) {
		grown = growth(before, goroutinesByStart(t))
		if len(grown) == 0 || time.Now().After(deadline) {
			break
		}
	}
	for start, n := range grown {
		t.Errorf("%d goroutines start in %s after 64 audits, %d before: they leak", n[1], start, n[0])
	}
}

// goroutinesByStart reads the debug=1 goroutine profile: a count per stack,
// whose last "#" frame is the function the goroutines started in.
func goroutinesByStart(t *testing.T) map[string]int {
	t.Helper()
	var text bytes.Buffer
	if err := pprof.Lookup("goroutine").WriteTo(&text, 1); err != nil {
		t.Fatal(err)
	}
	counts := map[string]int{}
	count, start := 0, ""
	flush := func() {
		if count > 0 {
			counts[start] += count
		}
		count, start = 0, ""
	}
	scanner := bufio.NewScanner(&text)
	for scanner.Scan() {
		line := scanner.Text()
		switch {
		case strings.Contains(line, " @ 0x"):
			flush()
			count, _ = strconv.Atoi(line[:strings.Index(line, " @")])
		case strings.HasPrefix(line, "#\t0x"):
			if fields := strings.Fields(line); len(fields) >= 3 {
				start = fields[2][:strings.LastIndex(fields[2], "+")]
			}
		}
	}
	flush()
	return counts
}

func growth(before, after map[string]int) map[string][2]int {
	grown := map[string][2]int{}
	for start, n := range after {
		if n > before[start] {
			grown[start] = [2]int{before[start], n}
		}
	}
	return grown
}
