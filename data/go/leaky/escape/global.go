package escape

// lastRemembered is written by Remember; anything it points to is reachable
// from a global root and therefore must live on the heap.
var lastRemembered *Record

// Remember is the case "store to a global": taking the address of the
// parameter and keeping it in a package variable moves the parameter's copy
// to the heap on every call.
func Remember(r Record) { // ERROR "can inline Remember" "moved to heap: r"
	lastRemembered = &r
}

// RememberedID reads the global without storing anything new.
func RememberedID() int { // ERROR "can inline RememberedID"
	if lastRemembered == nil {
		return -1
	}
	return lastRemembered.ID
}
