// Package causes holds the escape causes the leaky catalogue does not make:
// a value whose only step to the heap is a spill, and defers and go
// statements whose arguments outlive the statement. Each case is named above
// its function; the ERROR annotations are what Go 1.19's -m says there.
package causes

type T struct{ b [4]int }

//go:noinline
func (t *T) M() {} // ERROR "t does not escape"

// SpawnMethodValue is the case "spill only": the go statement's function
// value is a method value, whose closure the compiler allocates and spills
// straight to the heap (no assignment, no call parameter in between).
func SpawnMethodValue(t *T) { // ERROR "leaking param: t"
	go (func())(t.M)() // ERROR "t.M escapes to heap"
}

// DeferMethodValueInLoop is the same spill from a defer that is not
// open-coded: inside a loop, a deferred call outlives its iteration.
func DeferMethodValueInLoop(t *T, n int) { // ERROR "leaking param: t"
	for i := 0; i < n; i++ {
		defer (func())(t.M)() // ERROR "t.M escapes to heap"
	}
}

// DeferArgumentInLoop is the case "defer in a loop": Go 1.19 rewrites
// `defer f(x)` into `x1 := x; defer func() { f(x1) }()`, so the argument is
// captured by the wrapper closure, which escapes (-m=2 shows the wrapper's
// "func literal" and its capture; there is no step named defer).
func DeferArgumentInLoop(n int) {
	for i := 0; i < n; i++ {
		defer (&T{}).M() // ERROR "&T{} escapes to heap"
	}
}

// DeferAtTopLevel is the non-escaping counterpart: an open-coded defer
// outside any loop keeps its argument on the stack.
func DeferAtTopLevel() {
	defer (&T{}).M() // ERROR "&T{} does not escape"
}
