#!/usr/bin/env bash
# Runs churn, the steady allocator, for its gctrace log, MemStats lines and a
# heap profile (the last one written).
source "$(dirname "$0")/common.sh"

stage churn churn
produce 'the churn binary' 'go build -trimpath -o churn .'
mkdir -p run
produce 'heap/churn-heap.pb.gz (the last run/heap-N.pb.gz), telemetry/churn-gctrace.log, telemetry/churn-memstats.jsonl' \
	'GODEBUG=gctrace=1 ./churn -duration 20s -profile-dir run -profile-every 6s -memstats run/memstats.jsonl -memstats-every 500ms 2> run/gctrace.log'
last=$(ls run/heap-*.pb.gz | sort -t- -k2 -n | tail -1)
cp "$last" "$A/heap/churn-heap.pb.gz"
cp run/gctrace.log "$A/telemetry/churn-gctrace.log"
cp run/memstats.jsonl "$A/telemetry/churn-memstats.jsonl"
