package main

import (
	"encoding/json"
	"strconv"
	"strings"
)

// request is what a client sends: a user, a basket of items and a free-text
// note. Decoding it is the first source of short-lived garbage per request.
type request struct {
	ID    uint64 `json:"id"`
	User  string `json:"user"`
	Items []item `json:"items"`
	Note  string `json:"note"`
}

type item struct {
	SKU   string  `json:"sku"`
	Qty   int     `json:"qty"`
	Price float64 `json:"price"`
}

// noteLine is repeated to give every request a multi-line note of ~1 KiB.
const noteLine = "please deliver to the side door and ring twice\n"

// newRequest synthesises the wire form of request id, as if it had just been
// read from a client connection: a JSON document of about 2 KiB, built by
// appending, so it grows through several reallocations.
func newRequest(id uint64) []byte {
	var body []byte
	body = append(body, `{"id":`...)
	body = strconv.AppendUint(body, id, 10)
	body = append(body, `,"user":"user-`...)
	body = strconv.AppendUint(body, id%997, 10)
	body = append(body, `","items":[`...)
	for i := uint64(0); i < 8+id%8; i++ {
		if i > 0 {
			body = append(body, ',')
		}
		body = append(body, `{"sku":"SKU-`...)
		body = strconv.AppendUint(body, id*31+i, 36)
		body = append(body, `","qty":`...)
		body = strconv.AppendUint(body, 1+i%3, 10)
		body = append(body, `,"price":`...)
		body = strconv.AppendFloat(body, float64(id%1000)/7+float64(i), 'f', 2, 64)
		body = append(body, '}')
	}
	body = append(body, `],"note":`...)
	body = strconv.AppendQuote(body, strings.Repeat(noteLine, 20+int(id%4)))
	return append(body, '}')
}

// decodeRequest parses a request body; encoding/json allocates every string
// and slice in it, and all of it is garbage once the response is built.
func decodeRequest(body []byte) (request, error) {
	var req request
	err := json.Unmarshal(body, &req)
	return req, err
}
