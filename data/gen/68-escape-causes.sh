#!/usr/bin/env bash
# The escape causes the leaky catalogue does not make (data/go/escape-causes):
# a method value spilled straight to the heap by a go statement and by a defer
# in a loop (only "spill" steps), and a defer in a loop whose argument the
# wrapper closure captures. One -m=2 log for the cause classifier's tests; the
# ERROR annotations are checked against a -m log of the same build.
source "$(dirname "$0")/common.sh"

stage escape-causes escape-causes
produce escape/causes-m2.txt 'go build -a -gcflags=-m=2 ./... 2> "$A/escape/causes-m2.txt"'
m1=$(mktemp)
go build -a -gcflags=-m ./... 2>"$m1"
(cd "$GO_DIR/errorcheck" && go build -o "$BUILD_ROOT/errorcheck" .)
"$BUILD_ROOT/errorcheck" -log "$m1" -root "$GO_DIR/escape-causes" -dir causes || { rm -f "$m1"; exit 1; }
rm -f "$m1"
grep -q '(spill) at' "$A/escape/causes-m2.txt" || { echo "68-escape-causes: no spill step in causes-m2.txt" >&2; exit 1; }
