#!/usr/bin/env bash
# Heap profiles of the fix driver before and after the change, with the same
# workload, so the difference in alloc_space is the fix.
source "$(dirname "$0")/common.sh"

for version in before after; do
	stage fix "fix/$version"
	produce "the fix binary ($version)" 'go build -trimpath -o fix .'
	produce "heap/fix-$version-heap.pb.gz" "./fix -rounds 2000 -heap-profile \"\$A/heap/fix-$version-heap.pb.gz\""
done
