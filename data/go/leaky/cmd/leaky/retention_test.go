//go:build retention

package main

import "testing"

// TestServiceRetention is the retention guard for the service itself: 6
// rounds of 2,000 requests through handle, the whole request path. It fails
// on this service as it stands (the response cache never evicts, the
// registry never forgets, every audit strands a goroutine with a 32 KiB
// buffer) and passes once each holder is bounded, evicted or cancelled.
// Run it in CI with: go test -tags retention -run TestServiceRetention ./cmd/leaky
func TestServiceRetention(t *testing.T) {
	s := newService()
	serve := func(id uint64) {
		if err := s.handle(id); err != nil {
			t.Fatal(err)
		}
	}
	// settle > archiveLatency: an audit's goroutine has finished or is blocked for good.
	samples := measure(serve, 6, 2000, 3*archiveLatency)
	for _, problem := range retentionProblems(samples) {
		t.Error(problem)
	}
}
