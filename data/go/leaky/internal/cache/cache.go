// Package cache memoises rendered responses by request id.
//
// It is one of the service's deliberate slow leaks: every request adds an
// entry and nothing ever evicts one, so the map and every body it points to
// stay reachable for the life of the process. In a heap profile the leak shows
// up under inuse_space, while its share of alloc_space stays small.
package cache

import "sync"

// entry is what the cache keeps per request: a private copy of the body.
type entry struct {
	body     []byte
	storedAt int64
}

// Cache is a map from request id to response body with no eviction policy.
// It is safe for concurrent use.
type Cache struct {
	mu      sync.Mutex
	entries map[uint64]*entry
}

// New returns an empty cache.
func New() *Cache {
	return &Cache{entries: make(map[uint64]*entry)}
}

// Put keeps a copy of body under id. The copy, the entry and the map's growth
// are never released: that is the leak.
func (c *Cache) Put(id uint64, body []byte, now int64) {
	kept := append([]byte(nil), body...)   // deliberate leak: body copy, never evicted
	e := &entry{body: kept, storedAt: now} // deliberate leak: entry, never evicted
	c.mu.Lock()
	c.entries[id] = e // deliberate leak: map buckets grow with every new id
	c.mu.Unlock()
}

// Get returns the body stored under id, if any.
func (c *Cache) Get(id uint64) ([]byte, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[id]
	if !ok {
		return nil, false
	}
	return e.body, true
}

// Len reports how many entries the cache holds.
func (c *Cache) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.entries)
}
