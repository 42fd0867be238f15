#!/usr/bin/env bash
# Sanity checks that the artifacts show what they are meant to show. Any
# failure stops generate.sh. The findings go to the manifest.
source "$(dirname "$0")/common.sh"

CHECKS=$MANIFEST_LOG.checks
: >"$CHECKS"
fail() { echo "80-check: FAIL: $*" >&2; exit 1; }
note() { echo "    $*"; echo "- $*" >>"$CHECKS"; }

# top_function PROFILE INDEX: the function with the largest flat value.
top_function() {
	go tool pprof -top -sample_index="$2" "$1" 2>/dev/null |
		awk '$2 ~ /%$/ && $1 ~ /B$/ { print $6; exit }'
}

# total_mb PROFILE INDEX: the profile's total for INDEX in MB.
total_mb() {
	go tool pprof -top -sample_index="$2" "$1" 2>/dev/null |
		awk '/ total$/ { v = $(NF-1); u = v; sub(/[0-9.]+/, "", u); sub(/[a-zA-Z]+$/, "", v)
			f = (u == "kB") ? 1/1024 : (u == "GB") ? 1024 : (u == "B") ? 1/1048576 : 1
			printf "%.2f\n", v * f; exit }'
}

# live_mb LOG N: the live heap (L of S->E->L MB) of the Nth gc line; N<0
# counts from the end.
live_mb() {
	grep '^gc [0-9]' "$1" | awk -v n="$2" '{ l[NR] = $0 } END {
		i = (n < 0) ? NR + n + 1 : n; split(l[i], f, ", "); split(f[3], m, "->")
		sub(/ MB.*/, "", m[3]); print m[3] }'
}

# No path of this machine in any artifact (profiles checked uncompressed).
leaked_paths=$(
	{
		grep -rlE '/work/|/tmp/gomemlab-build|/root/' "$A" --exclude='*.gz' || true
		for f in "$A"/heap/*.pb.gz; do
			# Not grep -q: with pipefail, zcat's SIGPIPE would read as "not found".
			if zcat "$f" | grep -aE '/work/|/tmp/|/root/' >/dev/null; then echo "$f"; fi
		done
	} | sort -u
)
[ -z "$leaked_paths" ] || fail "machine paths in: $leaked_paths"
note "no /work/, /tmp/ or /root/ path in any artifact (profiles checked after gunzip)"

# leaky: the leak holders top inuse_space, the churners top alloc_space.
leak_functions='example.com/leaky/internal/cache.(*Cache).Put main.archive example.com/leaky/internal/registry.Register'
inuse_top=$(top_function "$A/heap/leaky-heap-3.pb.gz" inuse_space)
alloc_top=$(top_function "$A/heap/leaky-heap-3.pb.gz" alloc_space)
case " $leak_functions " in *" $inuse_top "*) ;; *) fail "inuse_space top of leaky-heap-3 is $inuse_top, not a leak holder" ;; esac
case " $leak_functions " in *" $alloc_top "*) fail "alloc_space top of leaky-heap-3 is the leak holder $alloc_top" ;; esac
note "leaky-heap-3: top flat inuse_space is $inuse_top, top flat alloc_space is $alloc_top"

# leaky: inuse grows from profile to profile.
previous=0
growth=
for f in "$A"/heap/leaky-heap-[0-9].pb.gz; do
	mb=$(total_mb "$f" inuse_space)
	awk -v a="$previous" -v b="$mb" 'BEGIN { exit !(b > a) }' || fail "inuse_space does not grow at $(basename "$f"): $previous -> $mb MB"
	growth="$growth $(basename "$f" .pb.gz)=${mb}MB"
	previous=$mb
done
note "leaky inuse_space totals grow:$growth"

# gctrace: leaky's live heap climbs, churn's stays flat after warm-up.
leaky_first=$(live_mb "$A/telemetry/leaky-gctrace.log" 5)
leaky_last=$(live_mb "$A/telemetry/leaky-gctrace.log" -1)
[ "$leaky_last" -ge $((leaky_first * 4)) ] || fail "leaky live heap only went from $leaky_first to $leaky_last MB"
note "leaky gctrace live heap: $leaky_first MB at gc 5, $leaky_last MB at the last gc ($(grep -c '^gc [0-9]' "$A/telemetry/leaky-gctrace.log") gc lines)"
# Flat means no trend: a slow GC cycle can retain a little floating garbage,
# so single lines may bump, but the two halves of the run average the same.
read -r churn_min churn_max churn_n churn_first churn_second < <(grep '^gc [0-9]' "$A/telemetry/churn-gctrace.log" | awk 'NR > 3 {
	split($0, f, ", "); split(f[3], m, "->"); v[++n] = m[3] + 0 }
	END { for (i = 1; i <= n; i++) { if (min == "" || v[i] < min) min = v[i]; if (v[i] > max) max = v[i]
		if (i <= n / 2) a += v[i]; else b += v[i] }
	printf "%d %d %d %.2f %.2f\n", min, max, n, a / int(n / 2), b / (n - int(n / 2)) }')
awk -v a="$churn_first" -v b="$churn_second" 'BEGIN { d = a - b; exit !(d < 0.5 && d > -0.5) }' ||
	fail "churn live heap has a trend: $churn_first MB average in the first half, $churn_second MB in the second"
note "churn gctrace live heap is flat: $churn_first MB average in the first half, $churn_second MB in the second (range $churn_min..$churn_max MB over $churn_n gc lines after the first 3)"

# MemStats lines: leaky's heap and goroutine count climb, churn's heap does not.
# field FILE LINE NAME: a numeric field of one JSON line (-1: the last line).
field() {
	local line=$2
	[ "$line" -lt 0 ] && line=$(($(wc -l <"$1") + line + 1))
	sed -n "${line}p" "$1" | grep -oE "\"$3\":[0-9]+" | cut -d: -f2
}
lm=$A/telemetry/leaky-memstats.jsonl
cm=$A/telemetry/churn-memstats.jsonl
[ "$(field "$lm" -1 HeapSys)" -gt $(($(field "$lm" 2 HeapSys) * 4)) ] || fail "leaky HeapSys does not grow 4x"
[ "$(field "$lm" -1 goroutines)" -gt $(($(field "$lm" 2 goroutines) + 100)) ] || fail "leaky goroutines do not pile up"
[ "$(field "$cm" -1 HeapSys)" -le $(($(field "$cm" 3 HeapSys) * 3 / 2)) ] || fail "churn HeapSys grows"
note "MemStats: leaky HeapSys $(field "$lm" 2 HeapSys) -> $(field "$lm" -1 HeapSys) B and goroutines $(field "$lm" 2 goroutines) -> $(field "$lm" -1 goroutines); churn HeapSys $(field "$cm" 3 HeapSys) -> $(field "$cm" -1 HeapSys) B over $(wc -l <"$cm") lines"

# fix: the escaping scratch buffer disappears from alloc_space.
before=$(total_mb "$A/heap/fix-before-heap.pb.gz" alloc_space)
after=$(total_mb "$A/heap/fix-after-heap.pb.gz" alloc_space)
go tool pprof -top -sample_index=alloc_space "$A/heap/fix-after-heap.pb.gz" 2>/dev/null | grep -q 'fingerprint.Fingerprint$' &&
	fail "fingerprint.Fingerprint still allocates after the fix"
note "fix alloc_space: before $before MB, after $after MB; fingerprint.Fingerprint allocates nothing after the fix"

# Escape logs: the -m log reports on the declaration line of every exported
# catalogue function, and the -json tree has a file per catalogue source file.
while IFS=: read -r src line _; do
	grep -q "^escape/$(basename "$src"):$line:" "$A/escape/leaky-m1.txt" || fail "no -m diagnostic at $(basename "$src"):$line"
done < <(grep -n '^func [A-Z]' "$GO_DIR"/leaky/escape/*.go)
for src in "$GO_DIR"/leaky/escape/*.go; do
	[ "$(basename "$src")" = doc.go ] && continue
	[ -f "$A/escape/leaky-json/example.com%2Fleaky%2Fescape/$(basename "$src" .go).json" ] || fail "no -json file for $src"
done
note "leaky-m1.txt reports on every exported escape.* function; the -json tree has one file per catalogue source file"

# Sizes: committed artifacts stay small.
big=$(find "$A" -type f -size +5M)
[ -z "$big" ] || fail "artifacts over 5 MB: $big"
note "artifacts total $(du -sh "$A" | cut -f1), no file over 5 MB"
