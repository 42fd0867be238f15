package escape

import "unsafe"

// BytesToString is the case "unsafe.Pointer conversion": reinterpreting the
// slice header makes the string alias b's backing array, so b leaks to the
// result and no copy is made.
func BytesToString(b []byte) string { // ERROR "can inline BytesToString" "leaking param: b to result ~r0 level=0"
	return *(*string)(unsafe.Pointer(&b))
}

// Int64At is the case "unsafe.Pointer parameter": converting it to a typed
// pointer keeps the flow, so p leaks to the result.
func Int64At(p unsafe.Pointer) *int64 { // ERROR "can inline Int64At" "leaking param: p to result ~r0 level=0"
	return (*int64)(p)
}

// AddressOf is the non-escaping counterpart "unsafe.Pointer to uintptr": a
// uintptr is not a pointer, so x does not escape (and the number is
// meaningless once AddressOf returns).
func AddressOf(x int) uintptr { // ERROR "can inline AddressOf"
	return uintptr(unsafe.Pointer(&x))
}
