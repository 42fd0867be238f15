package escape

import (
	"sync"
	"unsafe"
)

// bufPool and GetBuf are the article's section 4.1 example, verbatim: it
// claims the pooled array "does not escape (invisible to the compiler)".
// Compiled, the array literal escapes to the heap in New, like every value a
// pool hands out; the pool only makes heap objects reusable, and GetBuf never
// Puts anything back, so every Get calls New again (cmd/allocs measures it).
var bufPool = sync.Pool{
	New: func() interface{} { // ERROR "can inline glob..func1"
		return unsafe.Pointer(&[256]byte{}) // ERROR "&\[256\]byte{} escapes to heap"
	},
}

func GetBuf() []byte { // ERROR "can inline GetBuf"
	p := bufPool.Get().(unsafe.Pointer)
	return (*[256]byte)(p)[:0:256]
}
