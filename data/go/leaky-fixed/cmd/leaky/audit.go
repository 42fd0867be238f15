package main

import (
	"context"
	"encoding/binary"
	"time"
)

const (
	// auditTimeout is how long a request waits for its audit receipt.
	auditTimeout = 2 * time.Millisecond
	// archiveLatency is how long the simulated audit backend takes: always
	// longer than auditTimeout, so every audit times out.
	archiveLatency = 5 * time.Millisecond
	// archiveScratch is the buffer each archiving goroutine fills.
	archiveScratch = 32 << 10
)

// audit asks the audit backend to archive request id and waits at most
// auditTimeout for the receipt. The fix: audit and archive share a context
// that audit cancels as it returns, so archive never waits for a reader
// that has gone; its goroutine ends and its scratch buffer is freed.
func (s *service) audit(id uint64) {
	ctx, cancel := context.WithTimeout(context.Background(), auditTimeout)
	defer cancel()
	receipts := make(chan []byte)
	go archive(ctx, id, receipts)
	select {
	case <-receipts:
	case <-ctx.Done():
		s.auditTimeouts.Add(1)
	}
}

// archive stands in for a slow backend call that fills a buffer with the
// audit record and hands it back, unless the caller has given up.
func archive(ctx context.Context, id uint64, receipts chan<- []byte) {
	scratch := make([]byte, archiveScratch)
	for off := 0; off+8 <= len(scratch); off += 8 {
		binary.LittleEndian.PutUint64(scratch[off:], id^uint64(off))
	}
	backend := time.NewTimer(archiveLatency)
	defer backend.Stop()
	select {
	case <-backend.C:
	case <-ctx.Done():
		return
	}
	select {
	case receipts <- scratch:
	case <-ctx.Done():
	}
}
