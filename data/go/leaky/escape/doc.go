// Package escape is a catalogue of escape-analysis cases: for each way a value
// ends up on the heap there is a small exported function, and next to it a
// counterpart that stays on the stack.
//
// Every line the compiler reports on under -gcflags=-m (Go 1.19, inlining on)
// ends with a comment in the style of golang/go test/escape*.go: the marker
// word (ERROR) followed by one or more double-quoted regular expressions.
// The text between the quotes is the regexp as is (no Go unquoting), matched
// unanchored against the message after "file:line:col: ". Each regex matches
// at least one diagnostic printed for that line, and each diagnostic for that
// line is matched by at least one regex, so a checker can verify a -m log
// against this source. Lines without such a comment get no diagnostic.
//
// The annotations were checked against the real Go 1.19 output; other
// versions print other text (Go 1.21 writes "flow: a ← b" under -m=2 where
// Go 1.19 writes "flow: a = b:").
package escape
