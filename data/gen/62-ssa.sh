#!/usr/bin/env bash
# GOSSAFUNC pages: what the compiler's SSA back end does with NewPoint (an
# escape to the heap: runtime.newobject) and with its non-escaping twin
# MakePoint, for the ssa.html reader's tests and chapter 2.
#
# GOSSADIR sends each page to its own file, <package path>.<function>.html,
# instead of ./ssa.html in the package directory. GOSSAFUNC and GOSSADIR are
# part of every package's build-cache key, so the standard library is
# recompiled (and the pages are always written: a cached build would only
# replay "dumped SSA to ..." and write nothing). -o /dev/null keeps no binary.
source "$(dirname "$0")/common.sh"

stage leaky-ssa leaky
mkdir -p "$A/ssa"
for fn in NewPoint MakePoint; do
	pages=$(mktemp -d)
	produce "ssa/$fn.html" "GOSSAFUNC=$fn GOSSADIR=\$pages go build -o /dev/null ./escape && cp \$pages/example.com/leaky/escape.$fn.html \"\$A/ssa/$fn.html\""
	rm -rf "$pages"
done
grep -q 'runtime.newobject' "$A/ssa/NewPoint.html" || { echo "62-ssa: NewPoint.html has no runtime.newobject" >&2; exit 1; }
if grep -q 'runtime.newobject' "$A/ssa/MakePoint.html"; then echo "62-ssa: MakePoint.html calls runtime.newobject" >&2; exit 1; fi
