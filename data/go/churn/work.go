package main

import (
	"sort"
	"strconv"
	"strings"
)

// recentSize is how many results the program keeps. The ring is the whole
// live heap: it is filled once and then only overwritten, so its size never
// changes while everything else allocated per job dies young.
const recentSize = 4096

// results keeps the last recentSize job results, each a 1 KiB record.
type results struct {
	ring [recentSize][]byte
	next int
}

// fill allocates every slot up front, so the live heap is at its final
// size before the first GC cycle instead of ramping up during the run.
func (rs *results) fill() {
	for i := range rs.ring {
		rs.ring[i] = make([]byte, 0, 1024)
	}
}

// keep replaces the oldest result with a copy of r. The replaced slice
// becomes garbage, so the live heap stays flat at about 4 MiB.
func (rs *results) keep(r []byte) {
	rs.ring[rs.next%recentSize] = append(make([]byte, 0, 1024), r...)
	rs.next++
}

// runJob does one unit of throwaway work, about 40 KiB of allocation, and
// returns a short summary. Nothing it allocates survives the call except the
// summary.
func runJob(id int) []byte {
	words := tokenize(id)
	counts := countWords(words)
	return summarize(id, counts)
}

// tokenize builds a document and splits it into words: a big string, then a
// slice of substrings of it.
func tokenize(id int) []string {
	var b strings.Builder
	for i := 0; i < 400; i++ {
		b.WriteString("w")
		b.WriteString(strconv.Itoa((id + i*7) % 97))
		b.WriteByte(' ')
	}
	return strings.Fields(b.String())
}

// countWords counts words in a fresh map.
func countWords(words []string) map[string]int {
	counts := make(map[string]int, 64)
	for _, w := range words {
		counts[w]++
	}
	return counts
}

// summarize sorts the words by count and renders the top ones.
func summarize(id int, counts map[string]int) []byte {
	keys := make([]string, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if counts[keys[i]] != counts[keys[j]] {
			return counts[keys[i]] > counts[keys[j]]
		}
		return keys[i] < keys[j]
	})
	out := strconv.AppendInt(nil, int64(id), 10)
	for _, k := range keys[:8] {
		out = append(out, ' ')
		out = append(out, k...)
		out = append(out, '=')
		out = strconv.AppendInt(out, int64(counts[k]), 10)
	}
	return out
}
