#!/usr/bin/env bash
# Runs the leaky service once and keeps everything it reports about itself:
# numbered heap profiles, the debug=1 heap text, a CPU and a goroutine
# profile, the gctrace log, MemStats JSON lines, and /debug/vars fetched three
# times while it runs.
source "$(dirname "$0")/common.sh"

duration=30s
vars_at=(8 16 24) # seconds into the run at which /debug/vars is fetched

stage leaky leaky
produce 'the leaky binary' 'go build -trimpath -o leaky ./cmd/leaky'
mkdir -p run
run_cmd="GODEBUG=gctrace=1 ./leaky -duration $duration -addr 127.0.0.1:0 -profile-dir run -profile-every 7s -cpu-profile-for 5s -memstats run/memstats.jsonl -memstats-every 500ms > run/stdout.txt 2> run/gctrace.log"
record 'heap/leaky-heap-{1,2,3,4}.pb.gz, heap/leaky-heap-debug1.txt, heap/leaky-cpu.pb.gz, heap/leaky-goroutine.pb.gz, telemetry/leaky-gctrace.log, telemetry/leaky-memstats.jsonl (copied from run/: heap-N.pb.gz, heap-debug1.txt, cpu.pb.gz, goroutine.pb.gz, gctrace.log, memstats.jsonl)' "$run_cmd"
eval "$run_cmd &"
pid=$!
started=$SECONDS

url=$(listening_url run/stdout.txt)
if [ -z "$url" ]; then
	echo "20-leaky-run: leaky did not print its address" >&2
	kill "$pid"
	exit 1
fi
for i in "${!vars_at[@]}"; do
	wait_s=$((vars_at[i] - (SECONDS - started)))
	[ "$wait_s" -gt 0 ] && sleep "$wait_s"
	curl -sSf "$url/debug/vars" >"$A/telemetry/leaky-vars-$((i + 1)).json"
done
record 'telemetry/leaky-vars-{1,2,3}.json' "curl -sSf http://127.0.0.1:PORT/debug/vars > \"\$A/telemetry/leaky-vars-N.json\"   # at ${vars_at[*]} s; PORT from the 'listening on' line"
wait "$pid"
cat run/stdout.txt

for f in run/heap-[0-9]*.pb.gz; do
	cp "$f" "$A/heap/leaky-$(basename "$f")"
done
cp run/heap-debug1.txt "$A/heap/leaky-heap-debug1.txt"
cp run/cpu.pb.gz "$A/heap/leaky-cpu.pb.gz"
cp run/goroutine.pb.gz "$A/heap/leaky-goroutine.pb.gz"
cp run/gctrace.log "$A/telemetry/leaky-gctrace.log"
cp run/memstats.jsonl "$A/telemetry/leaky-memstats.jsonl"
