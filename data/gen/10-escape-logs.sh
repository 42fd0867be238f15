#!/usr/bin/env bash
# Compiler escape-analysis output: -m, -m=2, -json and -S for leaky, and -m=2
# and -S for both versions of fix.
#
# -a forces every package to be recompiled. Go 1.19 replays the cached -m
# text of a cached build, but a cached build writes no -json files at all.
# -gcflags=X without a pattern applies X only to the packages named on the
# command line (./...), not to their standard-library dependencies.
# These builds do not use -trimpath, so paths read /src/<name>/..., the form
# the compiler prints for a module checked out at /src/<name>.
source "$(dirname "$0")/common.sh"

stage leaky leaky
produce escape/leaky-m1.txt 'go build -a -gcflags=-m ./... 2> "$A/escape/leaky-m1.txt"'
produce escape/leaky-m2.txt 'go build -a -gcflags=-m=2 ./... 2> "$A/escape/leaky-m2.txt"'
rm -rf "$A/escape/leaky-json"
produce escape/leaky-json/ 'go build -a -gcflags=-json=0,"$A/escape/leaky-json" ./...'
produce escape/leaky-asm.txt 'go build -a -gcflags=-S ./... 2> "$A/escape/leaky-asm.txt"'

# Both versions build in the same directory, so their logs diff cleanly.
for version in before after; do
	stage fix "fix/$version"
	produce "escape/fix-$version-m2.txt" "go build -a -gcflags=-m=2 ./... 2> \"\$A/escape/fix-$version-m2.txt\""
	produce "escape/fix-$version-asm.txt" "go build -a -gcflags=-S ./... 2> \"\$A/escape/fix-$version-asm.txt\""
done

# The catalogue's ERROR annotations must agree with what the compiler said.
(cd "$GO_DIR/errorcheck" && go build -o "$BUILD_ROOT/errorcheck" .)
"$BUILD_ROOT/errorcheck" -log "$A/escape/leaky-m1.txt" -root "$GO_DIR/leaky" -dir escape
