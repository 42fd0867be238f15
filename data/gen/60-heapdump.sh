#!/usr/bin/env bash
# A heap dump of the leaky service (runtime/debug.WriteHeapDump through its
# /debug/heapdump handler), taken after a short load has stopped, with
# MemProfileRate = 1 so every object has an allocation site, and /debug/vars
# just before and just after it: the runtime's own count of cache entries,
# sessions and leaked audit goroutines, which the tests compare with what the
# dump's analysis finds; and an earlier dump taken while the load ran, for
# `heapdump diff`. Dumps are stored gzipped (about 8x smaller; the reader
# decompresses them). The binary is not committed (about 8 MB); it is rebuilt
# reproducibly with the same command, and its SHA-256 is kept to check that.
# Run alone with: bash data/gen/60-heapdump.sh
source "$(dirname "$0")/common.sh"

mkdir -p "$A/heapdump"
stage leaky-heapdump leaky
produce 'the leaky binary that wrote heapdump/leaky.dump (rebuilt by the tests; SHA-256 in heapdump/leaky.binary.sha256)' \
	'go build -trimpath -buildvcs=false -o leaky ./cmd/leaky'
sha256sum leaky | cut -d' ' -f1 >"$A/heapdump/leaky.binary.sha256"
mkdir -p run
run_cmd="./leaky -duration 8s -rps 2000 -mem-profile-rate 1 -addr 127.0.0.1:0 -linger 30s > run/stdout.txt 2> run/stderr.txt"
record 'heapdump/leaky-early.dump.gz (4 s into the load), heapdump/leaky.dump.gz, heapdump/leaky-vars-before.json, heapdump/leaky-vars-after.json (once "load stopped" is printed)' "$run_cmd"
eval "$run_cmd &"
pid=$!
url=$(listening_url run/stdout.txt)
sleep 4
curl -sSf "$url/debug/heapdump" | gzip -9 >"$A/heapdump/leaky-early.dump.gz"
await_load_stopped 60-heapdump "$pid" "$url"
curl -sSf "$url/debug/vars" >"$A/heapdump/leaky-vars-before.json"
curl -sSf "$url/debug/heapdump" | gzip -9 >"$A/heapdump/leaky.dump.gz"
curl -sSf "$url/debug/vars" >"$A/heapdump/leaky-vars-after.json"
record 'the dumps and the vars around the last one' "curl -sSf http://127.0.0.1:PORT/debug/heapdump | gzip -9 > \"\$A/heapdump/leaky-early.dump.gz\"; curl -sSf http://127.0.0.1:PORT/debug/vars; curl -sSf http://127.0.0.1:PORT/debug/heapdump | gzip -9 > \"\$A/heapdump/leaky.dump.gz\"; curl -sSf http://127.0.0.1:PORT/debug/vars"
kill "$pid"
wait "$pid" 2>/dev/null || true
cat run/stdout.txt
echo "leaky.dump.gz: $(stat -c %s "$A/heapdump/leaky.dump.gz") bytes, $(gzip -l "$A/heapdump/leaky.dump.gz" | awk 'NR == 2 { print $2 }') uncompressed"
