// Package registry keeps a process-wide record of every session the service
// has seen.
//
// It is a deliberate leak through a global root: sessions are registered but
// never removed, so the slice and every Session stay reachable from a package
// variable no matter what the rest of the program does.
package registry

import (
	"strings"
	"sync"
)

// Session is what the registry remembers about one client session.
type Session struct {
	ID      uint64
	User    string
	Started int64
	// Recent holds the ids of the last requests seen in the session; its
	// fixed size makes every Session a noticeable half kilobyte.
	Recent [64]uint64
}

var (
	mu       sync.Mutex
	sessions []*Session
)

// Register records a new session and returns it. Nothing ever unregisters.
// user is cloned so the session does not pin the caller's request buffer.
func Register(id uint64, user string, now int64) *Session {
	s := &Session{ID: id, User: strings.Clone(user), Started: now} // deliberate leak: kept by a global
	mu.Lock()
	sessions = append(sessions, s) // deliberate leak: the global slice only grows
	mu.Unlock()
	return s
}

// Count reports how many sessions have been registered.
func Count() int {
	mu.Lock()
	defer mu.Unlock()
	return len(sessions)
}
