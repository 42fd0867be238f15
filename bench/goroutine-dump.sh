#!/usr/bin/env bash
# Benchmark: whole-process time and peak memory of `gomemlab goroutines top FILE` (and --by state) on a debug=2 dump
# of 1,000,000 goroutines (about 925 MB). Release build. Target: <= 3 s and <= 1.5 GB on a quiet 2-core machine.
#
#   bash bench/goroutine-dump.sh [DUMP]
#
# Input: the given file, else data/large/goroutines-1m-debug2.txt (made by `bash data/generate.sh --large`), else one
# generated into /tmp the same way: data/go/goroutines/cmd/many parks 20,000 goroutines in service-like stacks
# (10 frames, five kinds of wait) and writes their real debug=2 dump; data/gen/repeat-goroutines.awk repeats its
# records with fresh ids up to 1,000,000. Prints the load average too: on a shared machine wall time follows it.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dump=${1:-$root/data/large/goroutines-1m-debug2.txt}
command -v /usr/bin/time >/dev/null || { echo "install GNU time: apt-get install time" >&2; exit 1; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
if [ ! -f "$dump" ]; then
	dump=/tmp/gomemlab-bench-goroutines-1m-debug2.txt
	if [ ! -f "$dump" ]; then
		echo "generating $dump"
		(cd "$root/data/go/goroutines" && GOPROXY=off go build -trimpath -o "$out/many" ./cmd/many)
		"$out/many" -n 20000 -out "$out/many-debug2.txt"
		awk -v want=1000000 -f "$root/data/gen/repeat-goroutines.awk" "$out/many-debug2.txt" >"$dump"
	fi
fi
dotnet build "$root/src/GoMemLab.Cli" -c Release -v q -o "$out/bin" >/dev/null
echo "input: $dump ($(grep -c '^goroutine ' "$dump") goroutines, $(du -m "$dump" | cut -f1) MB)"
cat "$dump" >/dev/null # warm the file cache
for by in start state; do
	for run in 1 2 3; do
		/usr/bin/time -f "--by $by run $run: %e s wall, %U s user, %S s sys, %M KB max RSS" \
			"$out/bin/gomemlab" goroutines top "$dump" --by "$by" >"$out/top.txt"
		echo "    load average: $(cut -d' ' -f1-3 /proc/loadavg)"
	done
	head -3 "$out/top.txt" | cut -c1-120
done
