package main

import (
	"strconv"
	"strings"
)

// Order is one decoded input line.
type Order struct {
	ID       string
	Customer string
	Cents    int64
	Note     string
}

// line makes the i-th input line, as a reader of a file or a queue would hand it over.
func line(i int) string {
	return "order-" + strconv.Itoa(i) + ";customer-" + strconv.Itoa(i%977) + ";" + strconv.Itoa(100+i%5000) +
		";gift wrap, leave at the door, call before delivery #" + strconv.Itoa(i)
}

// decode splits a line into an Order: garbage once the order is totalled.
func decode(s string) *Order {
	fields := strings.Split(s, ";")
	cents, _ := strconv.ParseInt(fields[2], 10, 64)
	return &Order{ID: fields[0], Customer: fields[1], Cents: cents, Note: strings.ToUpper(fields[3])}
}
