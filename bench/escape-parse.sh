#!/usr/bin/env bash
# Benchmark: the standard library's -m=2 log (go build -a -gcflags=all=-m=2 std: ~220 MB,
# 1.89M lines with Go 1.19) read into the full escape model with flows and summarised by cause,
# next to `grep -c` of its diagnostic lines on the same file. Prints wall and CPU time and peak
# RSS (whole process, /usr/bin/time -v) of both, and their wall-time ratio.
# Target: gomemlab <= 2 s and <= 1.5 GB peak RSS.
#
# Usage: bash bench/escape-parse.sh [LOG]   (default data/large/std-m2.txt; make it with
#        bash data/generate.sh --large, or: go build -a -gcflags=all=-m=2 std 2> data/large/std-m2.txt)
set -euo pipefail
cd "$(dirname "$0")/.."
LOG=${1:-data/large/std-m2.txt}
if [ ! -s "$LOG" ]; then
	echo "missing $LOG: run bash data/generate.sh --large (about 100 s)" >&2
	exit 2
fi
if [ ! -x /usr/bin/time ]; then
	echo "/usr/bin/time is missing: apt-get install time" >&2
	exit 2
fi
OUT=${GOMEMLAB_BENCH_OUT:-/tmp/gomemlab-bench-cli}
dotnet publish src/GoMemLab.Cli -c Release -o "$OUT" -v q --nologo >/dev/null

measure() { # label, command...
	local label=$1; shift
	local report; report=$(mktemp)
	# Not >/dev/null: GNU grep notices /dev/null and stops at the first match.
	/usr/bin/time -v "$@" >"$report.out" 2>"$report" || { cat "$report" >&2; exit 1; }
	local wall user sys rss
	wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,t,":"); s=0; for(i=1;i<=n;i++) s=s*60+t[i]; print s}' "$report")
	user=$(awk -F': ' '/User time/ {print $2}' "$report")
	sys=$(awk -F': ' '/System time/ {print $2}' "$report")
	rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2/1024}' "$report")
	grep -v -E '^\s' "$report" | grep -v '^$' >&2 || true
	printf '%-9s wall %6.2f s  cpu %5.2f s (user %s, sys %s)  peak RSS %5d MB\n' "$label" "$wall" "$(echo "$user + $sys" | bc)" "$user" "$sys" "$rss"
	WALL[$label]=$wall
	rm -f "$report" "$report.out"
}

declare -A WALL
echo "log: $LOG ($(du -m "$LOG" | cut -f1) MB, $(wc -l <"$LOG") lines); load average: $(cut -d' ' -f1-3 /proc/loadavg)"
measure gomemlab "$OUT/gomemlab" escape summary "$LOG"
measure grep grep -cE '^\S+:[0-9]+:[0-9]+: ' "$LOG"
echo "grep count of file:line:col: lines: $(grep -cE '^\S+:[0-9]+:[0-9]+: ' "$LOG")"
echo "ratio gomemlab/grep wall: $(echo "scale=2; ${WALL[gomemlab]} / ${WALL[grep]}" | bc)"
