#!/usr/bin/env bash
# Benchmark: `gomemlab pprof top` against `go tool pprof -top` on a heap profile of over 1.2M samples.
# Prints wall time and peak RSS of both side by side, then checks that both tables agree row by row
# (name, flat, cum, inline mark).
#
#   bash bench/pprof-top.sh [PROFILE]        default PROFILE: data/large/big-heap.pb.gz
#   SAMPLE_INDEX=inuse_space bash bench/pprof-top.sh
#
# When the profile is missing it is made by the data step data/gen/70-large.sh (LARGE=1), which also
# writes the other large inputs. Goal (2-core machine): load + top <= 3 s and <= 700 MB peak RSS on 1.33M samples.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BIG=${1:-$ROOT/data/large/big-heap.pb.gz}
INDEX=${SAMPLE_INDEX:-alloc_space}
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT

if [ ! -f "$BIG" ]; then
	echo "== $BIG is missing: making it with data/gen/70-large.sh"
	LARGE=1 bash "$ROOT/data/gen/70-large.sh"
fi
if [ ! -x /usr/bin/time ]; then
	echo "pprof-top.sh: /usr/bin/time is missing; install it with: apt-get install time" >&2
	exit 1
fi

echo "== building gomemlab (Release)"
dotnet build "$ROOT/src/GoMemLab.Cli" -c Release -v q -nologo >/dev/null
GOMEMLAB=$ROOT/src/GoMemLab.Cli/bin/Release/net10.0/gomemlab

case $INDEX in
*space) UNIT=-unit=B ;;
*) UNIT=-unit=minimum ;;
esac

measure() { # NAME OUTPUT COMMAND...
	local name=$1 output=$2
	shift 2
	/usr/bin/time -v "$@" >"$output" 2>"$OUT/$name.time" || {
		cat "$OUT/$name.time" >&2
		exit 1
	}
	local wall rss user sys
	wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$OUT/$name.time")
	rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$OUT/$name.time")
	user=$(sed -n 's/.*User time (seconds): //p' "$OUT/$name.time")
	sys=$(sed -n 's/.*System time (seconds): //p' "$OUT/$name.time")
	printf '%-16s %12s %12s %10s MB\n' "$name" "$wall" "$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')" "$((rss / 1024))"
}

echo "== $BIG ($(du -m "$BIG" | cut -f1) MB), sample index $INDEX"
# cpu = user + system seconds: unlike wall time it barely depends on what else the machine is doing.
echo "   load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-16s %12s %12s %13s\n' tool wall cpu_s peak_rss
measure gomemlab "$OUT/gomemlab.csv" "$GOMEMLAB" pprof top "$BIG" --sample-index "$INDEX" --format csv
measure "go tool pprof" "$OUT/pprof.txt" go tool pprof -top -nodefraction=0 -symbolize=none "$UNIT" -sample_index="$INDEX" "$BIG"

# Both tables as "name<TAB>flat<TAB>cum<TAB>inline" lines, in their order.
awk '
	started { sub(/^ +/, ""); n = split($0, f, / +/)
		flat = f[1]; cum = f[4]; sub(/(B|ns)$/, "", flat); sub(/(B|ns)$/, "", cum)
		name = $0; sub(/^[^ ]+ +[^ ]+ +[^ ]+ +[^ ]+ +[^ ]+  /, "", name)
		mark = "false"; if (name ~ / \(inline\)$/) { mark = "true"; sub(/ \(inline\)$/, "", name) }
		else if (name ~ / \(partial-inline\)$/) { mark = "partial"; sub(/ \(partial-inline\)$/, "", name) }
		print name "\t" flat "\t" cum "\t" mark }
	/^ *flat  flat%/ { started = 1 }' "$OUT/pprof.txt" >"$OUT/pprof.tsv"
# gomemlab CSV: name,flat,flat_pct,sum_pct,cum,cum_pct,inline (names with commas are quoted; parse from the right).
tail -n +2 "$OUT/gomemlab.csv" | awk '{
	n = split($0, f, ","); name = $0; sub(/,[^,]*,[^,]*,[^,]*,[^,]*,[^,]*,[^,]*$/, "", name)
	gsub(/^"|"$/, "", name); gsub(/""/, "\"", name)
	print name "\t" f[n-5] "\t" f[n-2] "\t" f[n] }' >"$OUT/gomemlab.tsv"
# pprof marks partial-inline separately; the CSV contract only has inline=true|false.
sed 's/\tpartial$/\tfalse/' "$OUT/pprof.tsv" >"$OUT/pprof-contract.tsv"

rows=$(wc -l <"$OUT/pprof.tsv")
if diff -q "$OUT/pprof-contract.tsv" "$OUT/gomemlab.tsv" >/dev/null; then
	echo "== tables agree: $rows rows (name, flat, cum, inline identical, same order)"
else
	echo "== tables DIFFER (pprof < > gomemlab):"
	diff "$OUT/pprof-contract.tsv" "$OUT/gomemlab.tsv" | head -20
	exit 1
fi
