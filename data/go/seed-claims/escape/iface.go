package escape

// A value converted to an interface needs storage for the boxed copy; that
// storage is on the heap only when the interface value escapes.

// IsText keeps its interface in the frame: the boxed copy of x is on the
// stack (x does not escape), and no runtime.convT64 call is made.
func IsText(x int) bool { // ERROR "can inline IsText"
	var i interface{} = x // ERROR "x does not escape"
	_, ok := i.(string)
	return ok
}

var sink interface{}

// Publish stores the interface in a global: the boxed copy must outlive the
// frame, so x escapes (runtime.convT64, which for values below 256 returns a
// pointer into the runtime's static table and allocates nothing).
func Publish(x int) { // ERROR "can inline Publish"
	sink = x // ERROR "x escapes to heap"
}
