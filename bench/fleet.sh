#!/usr/bin/env bash
# Benchmark of `gomemlab fleet` on about 1,000 real heap profiles: ingest rate (goal >= 50 profiles/s for heap
# profiles <= 1 MB), `fleet top` over all of them (goal <= 2 s), and how both grow with the number of profiles
# (goal: linear) at 250, 500 and 1,000 profiles. Whole processes, Release build; go tool pprof on the same files
# for comparison. Figures, not asserts.
#
#   bash bench/fleet.sh [FLEET_DIR]
#
# Input: the given folder, else data/large/fleet (made by `bash data/generate.sh --large`, step 65-fleet), else one made
# into a temporary folder by `bash data/gen/fleet.sh DIR 17` (leaky and churn as six pods, a heap profile every
# 100 ms for 17 s: about 1,000 real profiles; needs go).
#
# Measured (2 cores shared with other engineers' builds, load average 30-50 during the runs, so wall times are 2-4x
# the CPU times; 1,227 real heap profiles of 2-9 KB from data/gen/fleet.sh 21 s):
#   ingest 250 / 500 / 1000 profiles: 1.5 / 2.5 / 3.5 s CPU (user), 4.4 / 11.4 / 14.6 s wall (57 / 44 / 69 profiles/s wall);
#     about 0.5 s start-up plus 3 ms CPU per profile: linear; database 5.1 / 6.7 / 9.7 MB (stacks are shared).
#   the same ingest again (everything already present): 1.5 / 1.8 / 2.4 s wall.
#   fleet top over 250 / 500 / 1000: 1.2-1.6 / 1.6-2.1 / 2.1-2.5 s wall; over 1,227: 0.4-0.5 s CPU, 1.7-2.0 s wall, where
#     `fleet sql DB "SELECT 1"` (start-up and open) takes 1.0-1.4 s wall and 0.25 s CPU on the same machine.
#   go tool pprof -top over the same 250 / 500 / 1000 files: 1.5 / 3.2 / 9.1 s wall.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
command -v /usr/bin/time >/dev/null || { echo "install GNU time: apt-get install time" >&2; exit 1; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
fleet=${1:-$root/data/large/fleet}
if [ ! -d "$fleet" ]; then
	fleet=$out/fleet
	echo "generating $fleet with data/gen/fleet.sh (17 s)"
	bash "$root/data/gen/fleet.sh" "$fleet" 17 100ms
fi
dotnet build "$root/src/GoMemLab.Cli" -c Release -v q -o "$out/bin" >/dev/null
g=$out/bin/gomemlab
mapfile -t all < <(cd "$fleet" && find . -name '*.pb.gz' | sed 's|^\./||' | LC_ALL=C sort)
total=${#all[@]}
echo "input: $total profiles, $(du -sk "$fleet" | cut -f1) KB, largest $(find "$fleet" -name '*.pb.gz' -printf '%s\n' | sort -n | tail -1) bytes"

# A subset of N profiles: files picked evenly along the sorted list, so each subset spans every pod and the whole run.
subset() {
	local n=$1 dir=$out/subset-$1 k f
	rm -rf "$dir"
	for ((k = 0; k < n; k++)); do
		f=${all[$((k * total / n))]}
		mkdir -p "$dir/$(dirname "$f")"
		ln -s "$fleet/$f" "$dir/$f"
	done
	echo "$dir"
}

for n in 250 500 1000; do
	((n <= total)) || continue
	dir=$(subset "$n")
	db=$out/fleet-$n.duckdb
	count=$(find "$dir" -name '*.pb.gz' | wc -l)
	/usr/bin/time -f "%e %U %M" -o "$out/t" "$g" fleet ingest "$dir" --db "$db" --format csv >/dev/null 2>"$out/err" || { cat "$out/err"; exit 1; }
	read -r wall user rss <"$out/t"
	echo "ingest $count profiles: ${wall} s wall (${user} s user), $(awk -v n="$count" -v w="$wall" 'BEGIN { printf "%.0f", n / w }') profiles/s, ${rss} KB max RSS, database $(du -k "$db" | cut -f1) KB"
	/usr/bin/time -f "%e %U %M" -o "$out/t" "$g" fleet ingest "$dir" --db "$db" --format csv >/dev/null 2>&1
	read -r wall _ _ <"$out/t"
	echo "  again (all already present): ${wall} s"
	for run in 1 2 3; do
		/usr/bin/time -f "%e %U %M" -o "$out/t" "$g" fleet top "$db" --sample-index inuse_space --format csv >"$out/top.csv"
		read -r wall user rss <"$out/t"
		echo "  fleet top over $count (run $run): ${wall} s wall, ${rss} KB max RSS, $(($(wc -l <"$out/top.csv") - 1)) rows"
	done
	/usr/bin/time -f "%e %U %M" -o "$out/t" "$g" fleet top "$db" --sample-index inuse_space --where "service = 'leaky'" --format csv >/dev/null
	read -r wall _ _ <"$out/t"
	echo "  fleet top --where \"service = 'leaky'\": ${wall} s"
	mapfile -t files < <(find "$dir" -name '*.pb.gz' | LC_ALL=C sort)
	/usr/bin/time -f "%e %U %M" -o "$out/t" go tool pprof -top -nodefraction=0 -symbolize=none -sample_index=inuse_space "${files[@]}" >"$out/pprof.txt" 2>/dev/null
	read -r wall user rss <"$out/t"
	echo "  go tool pprof -top over the same $count files: ${wall} s wall, ${rss} KB max RSS"
done
