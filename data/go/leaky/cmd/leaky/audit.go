package main

import (
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
// auditTimeout for the receipt. This is the goroutine leak: the receipt
// channel is unbuffered, so once the caller has given up, archive blocks on
// its send forever, and its scratch buffer with it.
func (s *service) audit(id uint64) {
	receipts := make(chan []byte) // deliberate leak: kept by the blocked archive goroutine
	go archive(id, receipts)
	select {
	case <-receipts:
	case <-time.After(auditTimeout):
		s.auditTimeouts.Add(1)
	}
}

// archive stands in for a slow backend call that fills a buffer with the
// audit record and hands it back.
func archive(id uint64, receipts chan<- []byte) {
	scratch := make([]byte, archiveScratch) // deliberate leak: pinned by its goroutine, blocked forever
	for off := 0; off+8 <= len(scratch); off += 8 {
		binary.LittleEndian.PutUint64(scratch[off:], id^uint64(off))
	}
	time.Sleep(archiveLatency)
	receipts <- scratch
}
