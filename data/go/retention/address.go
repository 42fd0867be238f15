package main

import "unsafe"

// addressOf is the address of a Node, for matching it with the dump's roots.
func addressOf(n *Node) uintptr { return uintptr(unsafe.Pointer(n)) }
