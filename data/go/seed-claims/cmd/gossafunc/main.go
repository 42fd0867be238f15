// Command gossafunc is the article's chapter 1 verification target: a main
// with a local [3]int whose address is taken (its "v34 = LocalAddr <*[3]int>
// {buf} ... ROOT" example). Build it with GOSSAFUNC=main to see what the
// compiler really writes.
package main

import "fmt"

func sum(p *[3]int) int {
	return p[0] + p[1] + p[2]
}

func main() {
	var buf [3]int
	buf[0], buf[1], buf[2] = 1, 2, 3
	fmt.Println(sum(&buf))
}
