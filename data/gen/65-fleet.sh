#!/usr/bin/env bash
# A small fleet of real heap profiles (artifacts/fleet/, committed) and golden `go tool pprof -top` outputs
# over merged selections of it (golden/fleet/), for `gomemlab fleet top` (tests/GoMemLab.Tests/Fleet/FleetTopGoldenTests.cs).
# With --large, also a fleet of about 1,000 profiles in data/large/fleet/ for bench/fleet.sh.
# Run it alone with: bash data/gen/65-fleet.sh   (or LARGE=1 bash data/gen/65-fleet.sh)
#
# The fleet is made by data/gen/fleet.sh: leaky and churn run as six pods at once under
# service=…/load=…/pod=… folders. Goldens: pprof given every file of a selection (sorted by path, as
# `fleet top` orders them) merges them by summing samples with identical stacks; a selection is the whole
# fleet or the files under the folders a label predicate names, so the same predicate given to `fleet top
# --where` must select exactly those files. Flags as in 50-pprof-goldens.sh (-nodefraction=0, exact units,
# -symbolize=none).
source "$(dirname "$0")/common.sh"

F=$A/fleet
rm -rf "$F"
record "fleet/service=*/load=*/pod=*/heap-N.pb.gz (six pods of leaky and churn, a heap profile every 400ms for 2 s)" \
	'bash data/gen/fleet.sh "$A/fleet" 2 400ms'
bash "$DATA_DIR/gen/fleet.sh" "$F" 2 400ms

G=$DATA_DIR/golden/fleet
rm -rf "$G"
mkdir -p "$G"
CASES=$G/cases.tsv
printf 'golden\twhere\tfolder\tsample_index\tgranularity\tprofiles\n' >"$CASES"

# selection NAME WHERE FOLDER: FOLDER (relative to artifacts/fleet, "." for all) holds exactly the profiles WHERE selects.
selection() {
	local name=$1 where=$2 folder=$3
	local -a files
	mapfile -t files < <(cd "$F" && find "$folder" -name '*.pb.gz' | sed 's|^\./||' | LC_ALL=C sort)
	for index in alloc_objects alloc_space inuse_objects inuse_space; do
		local unit=-unit=B
		[[ $index == *objects ]] && unit=-unit=minimum
		for gran in functions lines files; do
			local golden=$name.$index.$gran.txt
			(cd "$F" && go tool pprof -top -nodefraction=0 -symbolize=none "$unit" -sample_index="$index" -"$gran" "${files[@]}") \
				>"$G/$golden" 2>/dev/null
			printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$golden" "$where" "$folder" "$index" "$gran" "${#files[@]}" >>"$CASES"
		done
	done
}
selection all "" .
selection leaky "service = 'leaky'" service=leaky
selection churn-high "service = 'churn' AND load = 'high'" service=churn/load=high
record 'golden/fleet/NAME.SAMPLE_INDEX.GRANULARITY.txt (the files of a selection, sorted; see cases.tsv)' \
	'go tool pprof -top -nodefraction=0 -symbolize=none -unit=B|-unit=minimum -sample_index=INDEX -GRANULARITY FILES...'
echo "    $(find "$F" -name '*.pb.gz' | wc -l) profiles in artifacts/fleet, $(($(wc -l <"$CASES") - 1)) goldens in golden/fleet"

if [ "$LARGE" = 1 ]; then
	rm -rf "$LARGE_DIR/fleet"
	start=$SECONDS
	bash "$DATA_DIR/gen/fleet.sh" "$LARGE_DIR/fleet" 17 100ms
	echo "    large fleet: $(find "$LARGE_DIR/fleet" -name '*.pb.gz' | wc -l) profiles, $(du -sm "$LARGE_DIR/fleet" | cut -f1) MB, $((SECONDS - start)) s"
fi
