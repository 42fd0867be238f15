#!/usr/bin/env bash
# What each goroutine of the leaky service keeps alive: a debug=2 goroutine
# dump and a heap dump (runtime/debug.WriteHeapDump) taken one after the other
# once the load has stopped, so both hold the same goroutines (no request runs,
# no goroutine starts or ends between them; a second debug=2 dump after the heap
# dump checks that). Joined by goroutine id, they give the bytes held per
# goroutine group (gomemlab goroutines top --heapdump, notebook 08).
# Run alone with: bash data/gen/64-goroutine-memory.sh
source "$(dirname "$0")/common.sh"

G=$A/goroutines
mkdir -p "$G"
stage leaky-goroutine-memory leaky
produce 'the leaky binary' 'go build -trimpath -buildvcs=false -o leaky ./cmd/leaky'
mkdir -p run
run_cmd="./leaky -duration 4s -rps 2000 -addr 127.0.0.1:0 -linger 30s > run/stdout.txt 2> run/stderr.txt"
record 'goroutines/leaky-held-debug2.txt and goroutines/leaky-held.dump.gz (once "load stopped" is printed)' "$run_cmd"
eval "$run_cmd &"
pid=$!
url=$(listening_url run/stdout.txt)
await_load_stopped 64-goroutine-memory "$pid" "$url"
curl -sSf "$url/debug/pprof/goroutine?debug=2" >"$G/leaky-held-debug2.txt"
curl -sSf "$url/debug/heapdump" | gzip -9 >"$G/leaky-held.dump.gz"
curl -sSf "$url/debug/pprof/goroutine?debug=2" >run/after-debug2.txt
record 'the goroutine dump, the heap dump, and a goroutine dump to compare' \
	'curl -sSf http://127.0.0.1:PORT/debug/pprof/goroutine?debug=2 > leaky-held-debug2.txt; curl -sSf http://127.0.0.1:PORT/debug/heapdump | gzip -9 > leaky-held.dump.gz; curl -sSf http://127.0.0.1:PORT/debug/pprof/goroutine?debug=2'
kill "$pid"
wait "$pid" 2>/dev/null || true
# archive IDS: the ids of the goroutines started by main.archive (blank-line separated records).
archive_ids() { awk -v RS= '/created by main\.\(\*service\)\.audit/ { print $2 }' "$1" | sort -n; }
if [ "$(archive_ids "$G/leaky-held-debug2.txt")" != "$(archive_ids run/after-debug2.txt)" ]; then
	echo "64-goroutine-memory: the archive goroutines changed between the goroutine dump and the heap dump" >&2
	exit 1
fi
echo "leaky-held: $(grep -c '^goroutine ' "$G/leaky-held-debug2.txt") goroutines, dump $(stat -c %s "$G/leaky-held.dump.gz") bytes"
