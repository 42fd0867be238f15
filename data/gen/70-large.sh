#!/usr/bin/env bash
# Benchmark inputs, only with generate.sh --large, into data/large/ (ignored
# by git): a heap profile of over 1.2M samples, -m=2 for the whole standard
# library (about 220 MB), and a gctrace log of 1M lines.
source "$(dirname "$0")/common.sh"

if [ "$LARGE" != 1 ]; then
	echo "skipped (run generate.sh --large)"
	exit 0
fi
mkdir -p "$LARGE_DIR"

copy_module bigprofile bigprofile
go build -trimpath -o bigprofile .
go build -trimpath -o bin/profstat ./profstat
echo "big heap profile:"
/usr/bin/time -f '    %e s, %M KB max RSS' ./bigprofile -n 1300000 -o "$LARGE_DIR/big-heap.pb.gz"
bin/profstat "$LARGE_DIR/big-heap.pb.gz" | sed 's/^/    /'

echo "std -m=2:"
start=$SECONDS
go build -a -gcflags=all=-m=2 std 2>"$LARGE_DIR/std-m2.txt"
echo "    $((SECONDS - start)) s, $(wc -l <"$LARGE_DIR/std-m2.txt") lines, $(du -m "$LARGE_DIR/std-m2.txt" | cut -f1) MB"

# 1M gctrace lines: the real leaky log's "gc N @T s" lines, repeated, with N
# and T shifted past the previous copy so the series stays monotonic.
echo "gctrace 1M:"
awk -v want=1000000 -f "$(dirname "${BASH_SOURCE[0]}")/repeat-gctrace.awk" "$A/telemetry/leaky-gctrace.log" >"$LARGE_DIR/gctrace-1m.log"
echo "    $(wc -l <"$LARGE_DIR/gctrace-1m.log") lines, $(du -m "$LARGE_DIR/gctrace-1m.log" | cut -f1) MB"
