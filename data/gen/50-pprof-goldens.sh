#!/usr/bin/env bash
# Golden `go tool pprof -top` outputs for the pprof tests (tests/GoMemLab.Tests/Profiles/TopGoldenTests.cs),
# made from the heap artifacts by the real Go 1.19 pprof. Writes data/golden/pprof/:
#   NAME.SAMPLE_INDEX.GRANULARITY[.VARIANT].txt   pprof's stdout, verbatim
#   cases.tsv                                       one line per golden: the inputs and options it was made with
#                                                   (PROFILE and BASE relative to data/artifacts/heap), pprof's sort
#                                                   order and -nodefraction (read from its flags), and no_match: the
#                                                   filters pprof's stderr says "matched no samples" (focus,ignore,hide)
# Run it alone with: bash data/gen/50-pprof-goldens.sh   (after the artifacts exist)
#
# Flags, and why:
# - `-top -nodefraction=0`: every node; GoMemLab's Top defaults to the same.
# - `-unit=B` for bytes, `-unit=ns` for nanoseconds, none for counts: values then print as exact integers
#   with a unit suffix (pprof formats with %.2f, exact below 2^53, and trims ".00"), instead of MB/ms.
# - `-symbolize=none`: the Go profiles carry their symbols; this keeps pprof from looking for binaries on
#   this machine, so the goldens do not depend on what is installed where.
# - The legacy debug=1 heap text has no symbols pprof can use without the binary (pprof ignores the
#   `#` comment lines), and even with the binary pprof's own symbolizer would differ from the runtime's
#   comments (no inlined frames without binutils). So its goldens use `-addresses -symbolize=none`: one node
#   per program counter, which checks the un-sampling, the stacks and the totals exactly; the test compares
#   them with GoMemLab's Top at address granularity on the same profile with its symbols stripped.
# - data/synthetic/cxx-heap.pb.gz is NOT from Go: a hand-made profile with C++ frame names, drop_frames/keep_frames
#   and unsymbolized frames, which Go profiles never have (data/synthetic/README.md). This step regenerates it (byte
#   for byte) before making its goldens, so the two always agree.
source "$(dirname "$0")/common.sh"

G=$DATA_DIR/golden/pprof
rm -rf "$G"
mkdir -p "$G"
H=$A/heap
CASES=$G/cases.tsv
printf 'golden\tprofile\tdiff_base\tsample_index\tgranularity\tfocus\tignore\thide\tnodecount\tstrip_symbols\t' >"$CASES"
printf 'sort\tnodefraction\tno_match\n' >>"$CASES"

# golden NAME PROFILE BASE SAMPLE_INDEX GRANULARITY FOCUS IGNORE HIDE NODECOUNT STRIP -- PPROF_FLAGS...
golden() {
	local name=$1 profile=$2 base=$3 index=$4 gran=$5 focus=$6 ignore=$7 hide=$8 nodecount=$9 strip=${10}
	shift 11
	# PROFILE may name several files joined by '+': pprof merges them.
	local -a files
	IFS=+ read -r -a files <<<"$profile"
	(cd "$H" && go tool pprof "$@" "${files[@]}" >"$G/$name.txt" 2>"$G/$name.stderr") || {
		echo "50-pprof-goldens: go tool pprof $* $profile failed:" >&2
		cat "$G/$name.stderr" >&2
		exit 1
	}
	# pprof's warnings "Focus expression matched no samples" (and Ignore, Hide), as "focus,hide".
	local no_match sort=flat nodefraction=0.005 flag
	no_match=$(sed -n 's/^\(Focus\|Ignore\|Hide\) expression matched no samples$/\1/p' "$G/$name.stderr" | tr 'A-Z' 'a-z' | paste -sd,)
	rm -f "$G/$name.stderr"
	for flag in "$@"; do
		case $flag in
		-cum) sort=cum ;;
		-nodefraction=*) nodefraction=${flag#-nodefraction=} ;;
		esac
	done
	printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name.txt" "$profile" "$base" "$index" "$gran" "$focus" "$ignore" "$hide" \
		"$nodecount" "$strip" "$sort" "$nodefraction" "$no_match" >>"$CASES"
}

# The sample types of a profile, with their units: "alloc_space bytes" lines.
sample_types() {
	(cd "$H" && go tool pprof -raw -symbolize=none "$1" 2>/dev/null) | awk '/^Samples:/ { getline; for (i = 1; i <= NF; i++) { split($i, p, "/"); print p[1], p[2] } exit }'
}

unit_flag() {
	case $1 in
	bytes) echo -unit=B ;;
	nanoseconds) echo -unit=ns ;;
	*) echo -unit=minimum ;;
	esac
}

for path in "$H"/*.pb.gz; do
	file=$(basename "$path")
	stem=${file%.pb.gz}
	while read -r index unit; do
		u=$(unit_flag "$unit")
		for gran in functions lines files; do
			golden "$stem.$index.$gran" "$file" "" "$index" "$gran" "" "" "" 0 no -- \
				-top -nodefraction=0 -symbolize=none "$u" -sample_index="$index" -"$gran"
		done
	done < <(sample_types "$file")
done

# Filters and node count, on the last heap profile (the one with the most growth).
last=$(cd "$H" && ls leaky-heap-[0-9]*.pb.gz | sort -V | tail -1)
laststem=${last%.pb.gz}
golden "$laststem.inuse_space.functions.focus" "$last" "" inuse_space functions 'handle' "" "" 0 no -- \
	-top -nodefraction=0 -symbolize=none -unit=B -sample_index=inuse_space -functions -focus='handle'
golden "$laststem.alloc_space.lines.focus" "$last" "" alloc_space lines 'cache' "" "" 0 no -- \
	-top -nodefraction=0 -symbolize=none -unit=B -sample_index=alloc_space -lines -focus='cache'
golden "$laststem.alloc_space.functions.ignore" "$last" "" alloc_space functions "" 'encoding/json|bytes\.' "" 0 no -- \
	-top -nodefraction=0 -symbolize=none -unit=B -sample_index=alloc_space -functions -ignore='encoding/json|bytes\.'
golden "$laststem.alloc_space.functions.hide" "$last" "" alloc_space functions "" "" '^runtime\.|main\.main' 0 no -- \
	-top -nodefraction=0 -symbolize=none -unit=B -sample_index=alloc_space -functions -hide='^runtime\.|main\.main'
golden "$laststem.alloc_objects.lines.hide" "$last" "" alloc_objects lines "" "" 'escape' 0 no -- \
	-top -nodefraction=0 -symbolize=none -sample_index=alloc_objects -lines -hide='escape'
golden "$laststem.alloc_space.functions.nodecount" "$last" "" alloc_space functions "" "" "" 10 no -- \
	-top -nodefraction=0 -symbolize=none -unit=B -sample_index=alloc_space -functions -nodecount=10

# Merging: pprof adds up the profiles given together (GoMemLab: ProfileMerge.Merge).
golden "leaky-heap-1+2.alloc_space.functions.merge" "leaky-heap-1.pb.gz+leaky-heap-2.pb.gz" "" alloc_space functions "" "" "" 0 no -- \
	-top -nodefraction=0 -symbolize=none -unit=B -sample_index=alloc_space -functions

# Difference between the third and the first heap profile, as pprof -diff_base computes it.
if [ -f "$H/leaky-heap-3.pb.gz" ] && [ -f "$H/leaky-heap-1.pb.gz" ]; then
	for index in inuse_space alloc_objects; do
		u=$(unit_flag "$([ $index = inuse_space ] && echo bytes || echo count)")
		for gran in functions lines; do
			golden "leaky-heap-3.$index.$gran.diff-heap-1" leaky-heap-3.pb.gz leaky-heap-1.pb.gz "$index" "$gran" "" "" "" 0 no -- \
				-top -nodefraction=0 -symbolize=none "$u" -sample_index="$index" -"$gran" -diff_base=leaky-heap-1.pb.gz
		done
	done
fi

# The legacy debug=1 heap text: address granularity, no symbols (see the header of this script).
for txt in "$H"/*debug1*.txt; do
	[ -f "$txt" ] || continue
	file=$(basename "$txt")
	stem=${file%.txt}
	for index in alloc_objects alloc_space inuse_objects inuse_space; do
		u=$(unit_flag "$([ "${index#*_}" = space ] && echo bytes || echo count)")
		golden "$stem.$index.addresses" "$file" "" "$index" addresses "" "" "" 0 yes -- \
			-top -nodefraction=0 -symbolize=none "$u" -sample_index="$index" -addresses
	done
done

# Sorting by cum, -nodefraction above 0 (pprof drops the nodes whose |cum| is below that fraction of the flat total and
# prints "Dropped N nodes"), filters that match nothing (pprof warns on stderr; see no_match) and -addresses on a
# profile with its symbols, on the last heap profile; -nodefraction on a difference, whose flat total mixes signs.
golden "$laststem.alloc_space.functions.cum" "$last" "" alloc_space functions "" "" "" 0 no -- \
	-top -nodefraction=0 -symbolize=none -unit=B -sample_index=alloc_space -functions -cum
golden "$laststem.alloc_space.functions.nodefraction" "$last" "" alloc_space functions "" "" "" 0 no -- \
	-top -nodefraction=0.01 -symbolize=none -unit=B -sample_index=alloc_space -functions
golden "$laststem.inuse_space.lines.nodefraction-cum" "$last" "" inuse_space lines "" "" "" 0 no -- \
	-top -nodefraction=0.02 -symbolize=none -unit=B -sample_index=inuse_space -lines -cum
golden "$laststem.alloc_space.functions.focus-nomatch" "$last" "" alloc_space functions 'no\.such\.function' "" "" 0 no -- \
	-top -nodefraction=0 -symbolize=none -unit=B -sample_index=alloc_space -functions -focus='no\.such\.function'
golden "$laststem.alloc_space.functions.ignore-hide-nomatch" "$last" "" alloc_space functions \
	"" 'no\.such\.function' 'nosuchfile\.go' 0 no -- \
	-top -nodefraction=0 -symbolize=none -unit=B -sample_index=alloc_space -functions -ignore='no\.such\.function' -hide='nosuchfile\.go'
golden "$laststem.inuse_space.addresses" "$last" "" inuse_space addresses "" "" "" 0 no -- \
	-top -nodefraction=0 -symbolize=none -unit=B -sample_index=inuse_space -addresses
if [ -f "$H/leaky-heap-3.pb.gz" ] && [ -f "$H/leaky-heap-1.pb.gz" ]; then
	golden "leaky-heap-3.inuse_space.functions.diff-heap-1.nodefraction" leaky-heap-3.pb.gz leaky-heap-1.pb.gz \
		inuse_space functions "" "" "" 0 no -- \
		-top -nodefraction=0.05 -symbolize=none -unit=B -sample_index=inuse_space -functions -diff_base=leaky-heap-1.pb.gz
fi

# The synthetic profile with C++ frames, drop_frames/keep_frames and unsymbolized frames (see the header).
python3 "$DATA_DIR/synthetic/make-cxx-heap.py"
cxx=../../synthetic/cxx-heap.pb.gz
for index in alloc_objects alloc_space; do
	u=$(unit_flag "$([ $index = alloc_space ] && echo bytes || echo count)")
	for gran in functions lines files addresses; do
		golden "cxx-heap.$index.$gran" "$cxx" "" "$index" "$gran" "" "" "" 0 no -- \
			-top -nodefraction=0 -symbolize=none "$u" -sample_index="$index" -"$gran"
	done
	golden "cxx-heap.$index.functions.cum" "$cxx" "" "$index" functions "" "" "" 0 no -- \
		-top -nodefraction=0 -symbolize=none "$u" -sample_index="$index" -functions -cum
done
# 0.0304 of the 8438 bytes is a cutoff of exactly 256 (8438 × 0.0304 = 256.5, truncated), pool::Grow's cum: pprof keeps a node whose |cum| equals it.
golden cxx-heap.alloc_space.functions.nodefraction "$cxx" "" alloc_space functions "" "" "" 0 no -- \
	-top -nodefraction=0.0304 -symbolize=none -unit=B -sample_index=alloc_space -functions
# -hide matching a mapping's file hides every frame of that mapping, whatever the function names.
golden cxx-heap.alloc_space.functions.hide-mapping "$cxx" "" alloc_space functions "" "" 'libarena' 0 no -- \
	-top -nodefraction=0 -symbolize=none -unit=B -sample_index=alloc_space -functions -hide='libarena'
golden cxx-heap.alloc_objects.lines.hide "$cxx" "" alloc_objects lines "" "" '^malloc$' 0 no -- \
	-top -nodefraction=0 -symbolize=none -sample_index=alloc_objects -lines -hide='^malloc$'
golden cxx-heap.alloc_objects.functions.focus "$cxx" "" alloc_objects functions 'Table::Insert' "" "" 0 no -- \
	-top -nodefraction=0 -symbolize=none -sample_index=alloc_objects -functions -focus='Table::Insert'
# Logger::Flush lives in libarena: ignored before it can be focused, so pprof says focus matched no samples.
golden cxx-heap.alloc_space.functions.focus-ignored "$cxx" "" alloc_space functions 'Logger::Flush' 'libarena' "" 0 no -- \
	-top -nodefraction=0 -symbolize=none -unit=B -sample_index=alloc_space -functions -focus='Logger::Flush' -ignore='libarena'

echo "    $(($(wc -l <"$CASES") - 1)) goldens in data/golden/pprof"
