package main

import (
	"bytes"
	"encoding/json"
	"hash/crc32"
	"strings"
)

// response is what the service sends back and what it caches.
type response struct {
	ID     uint64   `json:"id"`
	Status string   `json:"status"`
	Total  float64  `json:"total"`
	Digest uint32   `json:"digest"`
	Tags   string   `json:"tags"`
	Lines  []string `json:"lines"`
}

// summariseNote splits the note into lines, shouts each one and glues the
// first few back together: byte splitting, case mapping and string building,
// all of it garbage a moment later.
func summariseNote(note string) (digest uint32, head []string) {
	lines := bytes.Split([]byte(note), []byte("\n"))
	var b strings.Builder
	for i, line := range lines {
		upper := bytes.ToUpper(line)
		b.Write(upper)
		b.WriteByte('|')
		if i < 3 {
			head = append(head, string(upper))
		}
	}
	return crc32.ChecksumIEEE([]byte(b.String())), head
}

// encodeResponse renders the response as JSON.
func encodeResponse(r *response) ([]byte, error) {
	return json.Marshal(r)
}
