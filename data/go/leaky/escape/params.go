package escape

var (
	kept      []*Record
	keptNames []string
)

// Keep is the case "leaking param (to heap)": the pointer is stored where the
// heap can reach it, so callers must heap-allocate what they pass.
func Keep(r *Record) { // ERROR "can inline Keep" "leaking param: r"
	kept = append(kept, r)
}

// Identity is the case "leaking param (to result)": the pointer flows to the
// result, so whether it escapes is decided by each caller.
func Identity(r *Record) *Record { // ERROR "can inline Identity" "leaking param: r to result ~r0 level=0"
	return r
}

// NameOf is the case "leaking param content (to result)": not r itself but
// what it points to (the Name string) flows to the result.
func NameOf(r *Record) string { // ERROR "can inline NameOf" "leaking param: r to result ~r0 level=1"
	return r.Name
}

// KeepName is the case "leaking param content (to heap)": r may stay on the
// caller's stack, but the string it points to is kept by a global.
func KeepName(r *Record) { // ERROR "can inline KeepName" "leaking param content: r"
	keptNames = append(keptNames, r.Name)
}

// IDOf is the non-escaping counterpart "param does not escape": only a scalar
// is read through the pointer.
func IDOf(r *Record) int { // ERROR "can inline IDOf" "r does not escape"
	return r.ID
}
