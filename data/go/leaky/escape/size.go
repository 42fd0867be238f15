package escape

// largeScratch is above the 64 KiB limit for implicit stack allocations
// (make, new, &T{}) in Go 1.19.
const largeScratch = 128 << 10

// LargeChecksum is the case "value too large for the stack": the size is a
// constant, but over the limit, so the buffer is allocated on the heap.
func LargeChecksum(seed byte) byte { // ERROR "can inline LargeChecksum"
	buf := make([]byte, largeScratch) // ERROR "make\(\[\]byte, largeScratch\) escapes to heap"
	return checksum(buf, seed)        // ERROR "inlining call to checksum"
}

// VarMake is the case "make with non-constant size": the compiler cannot
// size the frame, so the slice goes to the heap even though it never leaves.
func VarMake(n int, seed byte) byte { // ERROR "can inline VarMake"
	buf := make([]byte, n)     // ERROR "make\(\[\]byte, n\) escapes to heap"
	return checksum(buf, seed) // ERROR "inlining call to checksum"
}

// SmallChecksum is the non-escaping counterpart "constant, small make": the
// backing array fits in the frame.
func SmallChecksum(seed byte) byte { // ERROR "can inline SmallChecksum"
	buf := make([]byte, 64)    // ERROR "make\(\[\]byte, 64\) does not escape"
	return checksum(buf, seed) // ERROR "inlining call to checksum"
}

func checksum(buf []byte, seed byte) byte { // ERROR "can inline checksum" "buf does not escape"
	var sum byte
	for i := range buf {
		buf[i] = seed + byte(i)
		sum ^= buf[i]
	}
	return sum
}
