package escape

import (
	"bytes"
	"sync"
)

// bufferPool hands out reusable buffers; New runs only when the pool is empty.
var bufferPool = sync.Pool{
	New: func() any { return new(bytes.Buffer) }, // ERROR "can inline glob..func1" "new\(bytes.Buffer\) escapes to heap"
}

// Render is the case "sync.Pool": the buffer is on the heap, but it is reused
// across calls, so the steady-state cost is only the final string.
func Render(r *Record) string { // ERROR "r does not escape"
	b := bufferPool.Get().(*bytes.Buffer)
	b.Reset() // ERROR "Render ignoring self-assignment in bytes.b.buf = bytes.b.buf\[:int\(0\)\]" "inlining call to bytes.\(\*Buffer\).Reset"
	b.WriteString(r.Name)
	for _, t := range r.Tags {
		b.WriteByte(',')
		b.WriteString(t)
	}
	s := b.String() // ERROR "inlining call to bytes.\(\*Buffer\).String" "string\(bytes.b.buf\[bytes.b.off:\]\) escapes to heap"
	bufferPool.Put(b)
	return s
}

// RenderFresh is the same work without the pool: the Buffer header stays on
// the stack, but its growing backing array is a fresh heap allocation on
// every call.
func RenderFresh(r *Record) string { // ERROR "r does not escape"
	var b bytes.Buffer
	b.WriteString(r.Name)
	for _, t := range r.Tags {
		b.WriteByte(',')
		b.WriteString(t)
	}
	return b.String() // ERROR "inlining call to bytes.\(\*Buffer\).String" "string\(bytes.b.buf\[bytes.b.off:\]\) escapes to heap"
}
