package escape

// Counter is the case "closure capture": n is captured by reference by a
// closure that outlives Counter, so n and the closure move to the heap.
func Counter() func() int { // ERROR "can inline Counter"
	n := 0              // ERROR "moved to heap: n"
	return func() int { // ERROR "can inline Counter.func1" "func literal escapes to heap"
		n++
		return n
	}
}

// SumWith is the non-escaping counterpart "closure called in place": the
// closure and the variable it captures never leave the frame.
func SumWith(xs []int) int { // ERROR "can inline SumWith" "xs does not escape"
	total := 0
	add := func(v int) { total += v } // ERROR "can inline SumWith.func1" "func literal does not escape"
	for _, x := range xs {
		add(x) // ERROR "inlining call to SumWith.func1"
	}
	return total
}
