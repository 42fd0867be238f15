#!/usr/bin/env bash
# Benchmark: memory stays proportional to the input on generated worst cases (issue 7): a pprof sample
# with a very deep stack, an escape explanation with a very long flow, a single huge gctrace line and a
# single huge MemStats line, each at size factor 1, 2 and 4. Prints wall time and peak RSS per run of the
# Release CLI; linear behaviour shows as RSS growing by about the input's growth, not its square.
#
#   bash bench/worst-case-inputs.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
command -v /usr/bin/time >/dev/null || { echo "install GNU time: apt-get install time" >&2; exit 1; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
dotnet build "$root/src/GoMemLab.Cli" -c Release -v q -o "$out/bin" >/dev/null
for k in 1 2 4; do python3 "$root/bench/worst-case-inputs.py" "$out" "$k"; done
measure() { # measure LABEL FILE ARGS…
  local label=$1 file=$2; shift 2
  /usr/bin/time -f "%e %M" -o "$out/time" "$out/bin/gomemlab" "$@" "$file" >/dev/null 2>"$out/stderr" || true
  read -r wall rss <"$out/time"
  printf '%-28s %8.1f MB input %8.2f s %8.0f MB peak RSS\n' "$label" "$(echo "$(stat -c %s "$file") / 1048576" | bc -l)" "$wall" "$(echo "$rss / 1024" | bc -l)"
}
for k in 1 2 4; do measure "deep stack x$k (pprof top)" "$out/deep-stack-$k.pb" pprof top; done
for k in 1 2 4; do measure "long flow x$k (escape steps)" "$out/long-flow-$k.txt" escape steps; done
for k in 1 2 4; do measure "long gc line x$k (gctrace)" "$out/long-line-$k.gctrace.log" gctrace; done
for k in 1 2 4; do measure "long json line x$k (memstats)" "$out/long-line-$k.jsonl" memstats; done
