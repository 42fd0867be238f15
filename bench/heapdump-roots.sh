#!/usr/bin/env bash
# Benchmark: `gomemlab heapdump roots` (load, dominator tree, retained bytes per root) on a heap dump of about
# 20 million small objects written by bench/heapdump-gen (MemProfileRate = 1, so every object also has an alloc
# sample). Prints the generator's own report (dump size, objects, how long the world was stopped), then wall time,
# CPU time and peak RSS of the whole gomemlab process (/usr/bin/time -v), and the first rows.
#
#   bash bench/heapdump-roots.sh [DUMP]        default DUMP: data/large/big.heapdump (made when missing)
#   OBJECTS=5000000 bash bench/heapdump-roots.sh
#
# Goal (issue 12, 2-core machine): <= 15 s whole process and <= 2 GB peak RSS.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DUMP=${1:-$ROOT/data/large/big.heapdump}
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT

if [ ! -x /usr/bin/time ]; then
	echo "heapdump-roots.sh: /usr/bin/time is missing; install it with: apt-get install time" >&2
	exit 1
fi
if [ ! -f "$DUMP" ]; then
	echo "== $DUMP is missing: writing it with bench/heapdump-gen (about 2 minutes: 20M allocations, each profiled)"
	mkdir -p "$(dirname "$DUMP")"
	(cd "$ROOT/bench/heapdump-gen" && GOPROXY=off go build -trimpath -o "$OUT/heapdumpgen" .)
	"$OUT/heapdumpgen" -out "$DUMP" -objects "${OBJECTS:-20000000}"
fi

echo "== building gomemlab (Release)"
dotnet build "$ROOT/src/GoMemLab.Cli" -c Release -v q -nologo >/dev/null
GOMEMLAB=$ROOT/src/GoMemLab.Cli/bin/Release/net10.0/gomemlab

echo "== gomemlab heapdump roots $(basename "$DUMP") ($(stat -c %s "$DUMP") bytes); load average: $(cut -d' ' -f1-3 /proc/loadavg)"
/usr/bin/time -v "$GOMEMLAB" heapdump roots "$DUMP" --format csv >"$OUT/roots.csv" 2>"$OUT/time.txt" || {
	cat "$OUT/time.txt" >&2
	exit 1
}
wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$OUT/time.txt")
rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$OUT/time.txt")
user=$(sed -n 's/.*User time (seconds): //p' "$OUT/time.txt")
sys=$(sed -n 's/.*System time (seconds): //p' "$OUT/time.txt")
printf 'wall %s   cpu %.2f s (user %s + sys %s)   peak RSS %d MB\n' "$wall" "$(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }')" "$user" "$sys" "$((rss / 1024))"
head -n 6 "$OUT/roots.csv"
