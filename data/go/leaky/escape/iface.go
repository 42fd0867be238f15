package escape

import (
	"fmt"
	"strconv"
)

// Box is the case "interface boxing": an interface holds a pointer, so a
// non-constant int stored in one is copied to the heap.
func Box(v int) any { // ERROR "can inline Box"
	return v // ERROR "v escapes to heap"
}

// Describe is the case "fmt boxing": every argument to fmt.Sprintf is
// converted to an interface, and fmt keeps them beyond what escape analysis
// can see, so each one escapes.
func Describe(id int, name string) string { // ERROR "can inline Describe" "leaking param: name"
	return fmt.Sprintf("%d:%s", id, name) // ERROR "... argument does not escape" "id escapes to heap" "name escapes to heap"
}

// IsPositive is the non-escaping counterpart "interface used locally": the
// boxed value is only inspected in the frame, so it stays on the stack.
func IsPositive(v int) bool { // ERROR "can inline IsPositive"
	var i any = v // ERROR "v does not escape"
	n, ok := i.(int)
	return ok && n > 0
}

// AppendDescription is the non-escaping counterpart of Describe: strconv
// writes into the caller's buffer, so nothing is boxed and the only flow is
// dst to the result.
func AppendDescription(dst []byte, id int, name string) []byte { // ERROR "can inline AppendDescription" "leaking param: dst to result ~r0 level=0" "name does not escape"
	dst = strconv.AppendInt(dst, int64(id), 10)
	dst = append(dst, ':')
	return append(dst, name...)
}
