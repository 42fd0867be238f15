package main

// seen remembers every order ID with its note, to skip duplicates. Nothing ever deletes from it.
var seen = map[string]string{}

// remember reports whether the order is new, and keeps it forever.
func remember(o *Order) bool {
	if _, dup := seen[o.ID]; dup {
		return false
	}
	seen[o.ID] = o.Note // deliberate leak: the map only grows
	return true
}
