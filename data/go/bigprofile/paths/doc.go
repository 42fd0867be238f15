// Package paths is a generated lattice of distinct call paths that end in an
// allocation, used to make heap profiles with a very large number of distinct
// stacks (samples) from a small program.
//
// Walk(code) decodes code as: a depth between minDepth and levels-1, then one
// base-fanout digit per level choosing which function of the next level to
// call. Distinct codes give distinct stacks with overwhelming probability when
// codes are well mixed.
package paths

//go:generate go run ../gencode -o paths_gen.go

// sink receives every allocation so the compiler cannot drop it; the objects
// die immediately, only their sampled stacks remain in the profile.
var sink []byte
