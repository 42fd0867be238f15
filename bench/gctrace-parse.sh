#!/usr/bin/env bash
# Benchmark: whole-process time and peak memory of `gomemlab gctrace FILE --summary` on 1M gctrace lines
# (parse every line, summary, Theil–Sen leak signal). Release build.
#
#   bash bench/gctrace-parse.sh [GCTRACE_1M_LOG]
#
# Input: the given file, else data/large/gctrace-1m.log (made by `bash data/generate.sh --large`), else
# one generated into /tmp the same way: the real data/artifacts/telemetry/leaky-gctrace.log repeated
# with GC numbers and times shifted past the previous copy. Target: <= 1 s wall.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
log=${1:-$root/data/large/gctrace-1m.log}
if [ ! -f "$log" ]; then
	source_log=$root/data/artifacts/telemetry/leaky-gctrace.log
	[ -f "$source_log" ] || { echo "no $log and no $source_log to build it from" >&2; exit 1; }
	log=/tmp/gomemlab-bench-gctrace-1m.log
	echo "generating $log from $source_log"
	awk -v want=1000000 -f "$root/data/gen/repeat-gctrace.awk" "$source_log" >"$log"
fi
command -v /usr/bin/time >/dev/null || { echo "install GNU time: apt-get install time" >&2; exit 1; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
dotnet build "$root/src/GoMemLab.Cli" -c Release -v q -o "$out/bin" >/dev/null
echo "input: $log ($(wc -l <"$log") lines, $(du -m "$log" | cut -f1) MB)"
"$out/bin/gomemlab" gctrace "$log" --summary >/dev/null # warm the file cache
for run in 1 2 3; do
	/usr/bin/time -f "run $run: %e s wall, %U s user, %S s sys, %M KB max RSS" "$out/bin/gomemlab" gctrace "$log" --summary >"$out/summary.txt"
done
grep -E '^(gc_count|leak_verdict) ' "$out/summary.txt"
