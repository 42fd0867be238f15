package escape

// Point is a small value type shared by the pointer cases.
type Point struct{ X, Y int }

// Record is the heap-shaped value the service builds on every request.
type Record struct {
	ID   int
	Name string
	Tags []string
}

// NewPoint is the case "returned pointer": the address of a local outlives
// the call, so the compiler moves the local itself to the heap.
func NewPoint(x, y int) *Point { // ERROR "can inline NewPoint"
	p := Point{X: x, Y: y} // ERROR "moved to heap: p"
	return &p
}

// NewRecord is the case "returned pointer to a composite literal": the
// literal is allocated on the heap, and name is stored in it, so name leaks.
func NewRecord(id int, name string) *Record { // ERROR "can inline NewRecord" "leaking param: name"
	return &Record{ID: id, Name: name} // ERROR "&Record{...} escapes to heap"
}

// MakePoint is the non-escaping counterpart "value return": the caller gets a
// copy in its own frame and nothing is allocated.
func MakePoint(x, y int) Point { // ERROR "can inline MakePoint"
	return Point{X: x, Y: y}
}

// Manhattan is the non-escaping counterpart "address taken but not kept": the
// pointer never leaves the frame, so the literal stays on the stack.
func Manhattan(x, y int) int { // ERROR "can inline Manhattan"
	p := &Point{X: x, Y: y}    // ERROR "&Point{...} does not escape"
	return abs(p.X) + abs(p.Y) // ERROR "inlining call to abs" "inlining call to abs"
}

func abs(v int) int { // ERROR "can inline abs"
	if v < 0 {
		return -v
	}
	return v
}
