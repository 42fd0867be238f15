package main

import (
	"expvar"
	"strconv"
	"time"

	"example.com/leaky/escape"
	"example.com/leaky/internal/cache"
	"example.com/leaky/internal/registry"
)

const (
	// Every sessionEvery-th request opens a session in the global registry.
	sessionEvery = 16
	// Every auditEvery-th request is audited (and leaks a goroutine).
	auditEvery = 256
)

// service handles requests. Most of what it allocates is garbage within
// microseconds; a small, steady fraction is kept forever by the response
// cache, the session registry and leaked audit goroutines.
type service struct {
	responses     *cache.Cache
	handled       *expvar.Int
	auditTimeouts *expvar.Int
}

func newService() *service {
	s := &service{
		responses:     cache.New(),
		handled:       expvar.NewInt("handled"),
		auditTimeouts: expvar.NewInt("audit_timeouts"),
	}
	expvar.Publish("cache_entries", expvar.Func(func() any { return s.responses.Len() }))
	expvar.Publish("sessions", expvar.Func(func() any { return registry.Count() }))
	return s
}

// handle serves request id end to end: decode, work, encode, cache.
func (s *service) handle(id uint64) error {
	req, err := decodeRequest(newRequest(id))
	if err != nil {
		return err
	}
	record := escape.NewRecord(int(req.ID), req.User)
	var total float64
	for _, it := range req.Items {
		total += float64(it.Qty) * it.Price
		record.Tags = append(record.Tags, it.SKU)
	}
	digest, head := summariseNote(req.Note)
	resp := response{
		ID:     req.ID,
		Status: escape.Describe(record.ID, "ok"),
		Total:  total,
		Digest: digest ^ uint32(escape.VarMake(len(req.Note), byte(id))),
		Tags:   escape.Render(record),
		Lines:  head,
	}
	body, err := encodeResponse(&resp)
	if err != nil {
		return err
	}
	now := time.Now().UnixNano()
	s.responses.Put(id, body, now)
	if id%sessionEvery == 0 {
		registry.Register(id, "session-"+strconv.FormatUint(id/sessionEvery, 10), now)
	}
	if id%auditEvery == 0 {
		s.audit(id)
	}
	s.handled.Add(1)
	return nil
}
