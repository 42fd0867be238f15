package escape

// Deref is compiled with -d=nil (the real flag; the article's
// -d=ssa/checknil does not exist) to list the nil checks the compiler keeps.
func Deref(p *int) int { // ERROR "can inline Deref" "p does not escape"
	return *p
}
