#!/usr/bin/env bash
# Runs scripts/fuzz.sh for every target, SECONDS each (one at a time: AFL takes a whole core), after one
# build. Prints one result line per target and exits 1 when any target found a crash or a hang.
#   scripts/fuzz-all.sh SECONDS [TARGET…]
set -uo pipefail
cd "$(dirname "$0")/.."
seconds=${1:?usage: scripts/fuzz-all.sh SECONDS [TARGET...]}
shift
targets=("$@")
[[ ${#targets[@]} -gt 0 ]] || targets=(pprof pprof-legacy escape-text escape-json asm gctrace memstats prometheus notebook heapdump ssa goroutines)
failed=0
first=1
for target in "${targets[@]}"; do
  if [[ $first == 1 ]]; then skip=${FUZZ_SKIP_BUILD:-0}; first=0; else skip=1; fi
  FUZZ_SKIP_BUILD=$skip bash scripts/fuzz.sh "$target" "$seconds" || failed=1
done
exit $failed
