// Package escape holds the seed article's code examples, compiled as they are
// printed (names kept), each line annotated with what Go 1.19's -m says about
// it (an ERROR comment with one regexp per diagnostic, checked by
// data/go/errorcheck). docs/seed-claims.md quotes the -m=2 explanations.
package escape

// Config and Handler are the article's section 4.3 example: it claims that
// cfg escapes "via return from NewHandler". Compiled, only &Handler{...}
// escapes; cfg is copied into the Handler by value and stays in the frame.
type Config struct{ Timeout int }

type Handler struct{ cfg Config }

func NewHandler() *Handler { // ERROR "can inline NewHandler"
	cfg := Config{Timeout: 30}
	return &Handler{cfg: cfg} // ERROR "&Handler{...} escapes to heap"
}
