#!/usr/bin/env bash
# Production-style telemetry from data/go/gometrics: Prometheus scrapes in client_golang's format (text 0.0.4 of
# the current collector, of the older v1.11 collector, and OpenMetrics), each beside the runtime.MemStats JSON of
# the same reading; Prometheus query_range answers over two instances (api-0 leaks 1 MiB per scrape, api-1 keeps
# nothing); and runtime/metrics JSON lines beside MemStats read at the same moment. Each reading runs a GC first
# (-gc), so the heap figures are live heap and the steady instance stays flat.
source "$(dirname "$0")/common.sh"

P=$A/telemetry/prometheus
rm -rf "$P" "$A/telemetry/runtime-metrics.jsonl" "$A/telemetry/runtime-metrics.jsonl.memstats.jsonl"
stage telemetry-prom gometrics
produce "the gometrics and queryrange binaries" 'go build -trimpath -o gometrics . && go build -trimpath -o queryrange ./cmd/queryrange'
record "telemetry/prometheus/api-0/, api-1/ (run at the same time)" \
	'./gometrics -out "$A/telemetry/prometheus/api-0" -scrapes 8 -every 250ms -leak 1048576 -gc & ./gometrics -out "$A/telemetry/prometheus/api-1" -scrapes 8 -every 250ms -gc; wait'
./gometrics -out "$P/api-0" -scrapes 8 -every 250ms -leak 1048576 -gc &
./gometrics -out "$P/api-1" -scrapes 8 -every 250ms -gc
wait
produce "telemetry/prometheus/old-client/ (the v1.11 collector's series)" \
	'./gometrics -out "$A/telemetry/prometheus/old-client" -client v1.11 -scrapes 3 -every 250ms -leak 1048576 -gc'
produce "telemetry/prometheus/openmetrics/ (OpenMetrics text)" \
	'./gometrics -out "$A/telemetry/prometheus/openmetrics" -openmetrics -scrapes 3 -every 250ms -leak 1048576 -gc'
for metric in go_memstats_heap_inuse_bytes go_memstats_next_gc_bytes go_goroutines; do
	produce "telemetry/prometheus/query_range-$metric.json" \
		"./queryrange -metric $metric -job api -step 250ms api-0:9090=\"\$A/telemetry/prometheus/api-0\" api-1:9090=\"\$A/telemetry/prometheus/api-1\" > \"\$A/telemetry/prometheus/query_range-$metric.json\""
done
produce "telemetry/runtime-metrics.jsonl and telemetry/runtime-metrics.jsonl.memstats.jsonl" \
	'./gometrics -runtime-metrics "$A/telemetry/runtime-metrics.jsonl" -scrapes 8 -every 250ms -leak 1048576 -gc'
