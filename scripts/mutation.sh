#!/usr/bin/env bash
# Mutation testing of the core's rules with Stryker.NET (dotnet-stryker, pinned in .config/dotnet-tools.json).
#
#   scripts/mutation.sh AREA [extra stryker options]     AREA: profiles | escape | telemetry | heapdumps | all
#
# Each area mutates the files that hold its rules and runs only the tests of that area (an xunit filter), so one
# area takes minutes on 2 cores. One Stryker process at a time, one test run at a time (concurrency 1): the machine
# is shared. Reports go to artifacts/mutation/AREA/ (git-ignored): reports/mutation-report.html and .json.
# The script prints the score per area (killed + timeout over all tested mutants, as Stryker counts it) and exits
# non-zero when an area scores below BREAK_AT (default 0: report only). Not part of scripts/test.sh or CI.
# Scores, their date and the mutants accepted as equivalent are in docs/testing.md.
set -euo pipefail
cd "$(dirname "$0")/.."

usage() { echo "usage: scripts/mutation.sh profiles|escape|telemetry|heapdumps|all [stryker options]" >&2; exit 2; }
[ $# -ge 1 ] || usage
area=$1; shift

# The files that hold each area's rules (globs relative to src/GoMemLab), and the tests that check them.
mutate_of() {
  case $1 in
    profiles)  echo "Profiles/Analyses/**/*.cs" ;;
    escape)    echo "Escape/EscapeMessage.cs Escape/EscapeCause.cs Escape/EscapeKind.cs" ;;
    telemetry) echo "Telemetry/LeakSignal.cs Telemetry/TheilSenFit.cs Telemetry/SeriesVerdicts.cs Telemetry/MemStatsLeakSignals.cs" ;;
    heapdumps) echo "HeapDumps/Analyses/**/*.cs" ;;
    *) usage ;;
  esac
}
tests_of() {
  case $1 in
    profiles)  echo "FullyQualifiedName~GoMemLab.Tests.Profiles" ;;
    escape)    echo "FullyQualifiedName~GoMemLab.Tests.Escape&FullyQualifiedName!~EscapeCharts" ;;
    # The telemetry tests but the slow ones that run programs or notebooks (they add nothing these files need).
    telemetry) echo "FullyQualifiedName~GoMemLab.Tests.Telemetry&FullyQualifiedName!~RealProgram&FullyQualifiedName!~Live&FullyQualifiedName!~Notebooks&FullyQualifiedName!~Poller" ;;
    heapdumps) echo "FullyQualifiedName~GoMemLab.Tests.HeapDumps" ;;
  esac
}

run_area() {
  local a=$1; shift
  local out=artifacts/mutation/$a
  local mutate=()
  for glob in $(mutate_of "$a"); do mutate+=(--mutate "**/GoMemLab/$glob"); done
  rm -rf "$out"
  echo "== mutation: $a"
  dotnet tool restore >/dev/null
  (cd tests/GoMemLab.Tests && dotnet stryker \
      --project GoMemLab.csproj \
      --configuration Release \
      --concurrency 1 \
      "${mutate[@]}" \
      --test-case-filter "$(tests_of "$a")" \
      --reporter Progress --reporter Json --reporter Html --reporter ClearText \
      --output "../../$out" \
      --skip-version-check \
      "$@")
  score "$a" "$out/reports/mutation-report.json"
}

# Stryker's score: detected (killed, timeout) over detected + undetected (survived, no coverage).
score() {
  local a=$1 report=$2
  jq -r --arg area "$a" '
    [.files[].mutants[].status] as $s
    | ($s | map(select(. == "Killed" or . == "Timeout")) | length) as $det
    | ($s | map(select(. == "Survived" or . == "NoCoverage")) | length) as $und
    | "\($area): \($det) detected of \($det + $und) (\(if $det + $und > 0 then ($det * 1000 / ($det + $und) | floor) / 10 else 100 end)%), "
      + "\($s | map(select(. == "Survived")) | length) survived, \($s | map(select(. == "NoCoverage")) | length) no coverage, "
      + "\($s | map(select(. == "Ignored")) | length) ignored, \($s | map(select(. == "CompileError")) | length) compile errors"
  ' "$report" | tee -a artifacts/mutation/scores.txt
  jq -r '.files | to_entries[] | .key as $f | .value.mutants[] | select(.status == "Survived" or .status == "NoCoverage")
         | "  \(.status) \($f | sub(".*/src/GoMemLab/"; "")):\(.location.start.line) \(.mutatorName): \(.replacement // "")"' \
    "$report" | cut -c1-200
  local pct
  pct=$(jq '[.files[].mutants[].status] as $s | ($s | map(select(. == "Killed" or . == "Timeout")) | length) as $d
            | ($s | map(select(. == "Survived" or . == "NoCoverage")) | length) as $u | if $d + $u > 0 then $d * 100 / ($d + $u) else 100 end' "$report")
  awk -v p="$pct" -v b="${BREAK_AT:-0}" 'BEGIN { exit (p + 0 < b + 0) ? 1 : 0 }' || { echo "$a: below ${BREAK_AT}%" >&2; return 1; }
}

# Stryker leaves its mutated GoMemLab.Core.dll in the test project's output when it is stopped; put the real one back.
restore_core() {
  local real=src/GoMemLab/bin/Release/net10.0/GoMemLab.Core.dll
  [ -f "$real" ] && cp "$real" tests/GoMemLab.Tests/bin/Release/net10.0/GoMemLab.Core.dll || true
}
trap restore_core EXIT

mkdir -p artifacts/mutation
if [ "$area" = all ]; then
  status=0
  for a in profiles escape telemetry heapdumps; do run_area "$a" "$@" || status=1; done
  exit $status
fi
mutate_of "$area" >/dev/null
run_area "$area" "$@"
