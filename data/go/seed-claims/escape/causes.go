package escape

import (
	"reflect"
	"unsafe"
)

// The article's chapter 1 names three "common causes" of wrong GC roots.
// Each is compiled here to show what the analysis really does with it.

// ViaUnsafePointer: "unsafe.Pointer bypasses the type system so escape
// analysis fails". It does not: the address is followed through
// unsafe.Pointer like any pointer, and x is moved to the heap because the
// pointer is returned.
func ViaUnsafePointer() unsafe.Pointer { // ERROR "can inline ViaUnsafePointer"
	x := 42 // ERROR "moved to heap: x"
	return unsafe.Pointer(&x)
}

// ViaUnsafeUintptr: converting to uintptr ends the flow (a uintptr is not a
// pointer), so x stays on the stack: the analysis does not fail, it is told
// that no pointer survives.
func ViaUnsafeUintptr() uintptr { // ERROR "can inline ViaUnsafeUintptr"
	x := 42
	return uintptr(unsafe.Pointer(&x))
}

// ReflectInLoop: "reflect.Value temporaries in a loop not explicitly
// zeroed". reflect.ValueOf boxes its argument, which escapes (an allocation
// per call), but v is overwritten on every iteration and dies with the frame:
// nothing is retained, zeroing it would change nothing.
func ReflectInLoop(xs []int) int { // ERROR "xs does not escape"
	total := 0
	for _, x := range xs {
		v := reflect.ValueOf(x) // ERROR "x escapes to heap" "inlining call to reflect.ValueOf" "inlining call to reflect.escapes" "inlining call to reflect.unpackEface" "inlining call to reflect.\(\*rtype\).Kind" "inlining call to reflect.ifaceIndir"
		total += int(v.Int())   // ERROR "inlining call to reflect.Value.Int" "inlining call to reflect.flag.kind" "&reflect.ValueError{...} escapes to heap"
	}
	return total
}
