#!/usr/bin/env bash
# Mutation testing of the core's rules with Stryker.NET (dotnet-stryker, pinned in .config/dotnet-tools.json).
#
#   scripts/mutation.sh AREA [extra stryker options]     AREA: profiles | escape | telemetry | heapdumps | all,
#                                                         or several: escape,heapdumps (one run, a score each)
#   scripts/mutation.sh audit                            the six mutants issue 19's audit named, each killed?
#   scripts/mutation.sh score REPORT AREA...             the scores of a report again
#
# Each area mutates the files that hold its rules and runs only the tests of that area (an xunit filter); several
# areas share one run (one compilation of the mutated project, the union of their tests). One test run at a time
# unless STRYKER_CONCURRENCY says more (the machine may be shared). Reports go to artifacts/mutation/AREA[-AREA...]/
# (git-ignored): reports/mutation-report.html and .json.
# The script prints the score per area (killed + timeout over all tested mutants, as Stryker counts it) and exits
# non-zero when an area scores below BREAK_AT (default 0: report only). Not part of scripts/test.sh or CI.
# Scores, their date and the mutants accepted as equivalent are in docs/testing.md.
set -euo pipefail
cd "$(dirname "$0")/.."

usage() { echo "usage: scripts/mutation.sh profiles|escape|telemetry|heapdumps|all|audit [stryker options]" >&2; exit 2; }
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

# Coverage is captured one test at a time (scripts/stryker-config.json: perTestInIsolation). Class fixtures and lazily
# built results (a dump's dominator tree) run inside whichever test comes first; captured all at once, Stryker would
# credit that test alone and never run the others on the mutants there (the first heapdumps run scored 60.3% so).
# Tests that run the gomemlab CLI as a child process are left out everywhere: Stryker records which tests cover a mutant
# in the test process only, so it never runs them on a mutant (they would only slow the first run). So are tests of
# other parts (loading, bad input, charts) and the slowest fixtures when faster tests check the same rules.
tests_of() {
  local no_cli="FullyQualifiedName!~CliTests"
  case $1 in
    # The URL and cancellation tests load, they do not analyse (a Go service, an inflated 400 MB profile).
    profiles)  echo "FullyQualifiedName~GoMemLab.Tests.Profiles&$no_cli&FullyQualifiedName!~ProfileUrl&FullyQualifiedName!~Cancellation&FullyQualifiedName!~BadProfileInput" ;;
    # StdLibraryLogTests builds net/http with -m=2 in every test process: the same rules are checked line by line
    # by the reader and cause tests on real logs.
    escape)    echo "FullyQualifiedName~GoMemLab.Tests.Escape&$no_cli&FullyQualifiedName!~EscapeCharts&FullyQualifiedName!~StdLibraryLog" ;;
    # The telemetry tests but the slow ones that run programs or notebooks (they add nothing these files need).
    telemetry) echo "FullyQualifiedName~GoMemLab.Tests.Telemetry&$no_cli&FullyQualifiedName!~RealProgram&FullyQualifiedName!~Live&FullyQualifiedName!~Notebooks&FullyQualifiedName!~Poller" ;;
    heapdumps) echo "FullyQualifiedName~GoMemLab.Tests.HeapDumps&$no_cli&FullyQualifiedName!~BadInput&FullyQualifiedName!~BinaryNaming" ;;
  esac
}

# The same files as a regex over the report's paths, to score each area of a run that mutated several.
files_of() {
  case $1 in
    profiles)  echo '/Profiles/Analyses/' ;;
    escape)    echo '/Escape/(EscapeMessage|EscapeCause|EscapeKind)[.]cs$' ;;
    telemetry) echo '/Telemetry/(LeakSignal|TheilSenFit|SeriesVerdicts|MemStatsLeakSignals)[.]cs$' ;;
    heapdumps) echo '/HeapDumps/Analyses/' ;;
  esac
}

# One Stryker run over the files of the given areas, with the union of their tests: Stryker compiles the mutated
# project once (minutes) however many areas there are, and runs on each mutant only the tests that cover it.
run_areas() {
  local areas=() mutate=() filters=() name
  while [ $# -gt 0 ] && [ "$1" != -- ]; do areas+=("$1"); shift; done
  [ "${1:-}" = -- ] && shift
  for a in "${areas[@]}"; do
    for glob in $(mutate_of "$a"); do mutate+=(--mutate "**/GoMemLab/$glob"); done
    filters+=("($(tests_of "$a"))")
  done
  name=$(IFS=-; echo "${areas[*]}")
  local out=artifacts/mutation/$name
  rm -rf "$out"
  echo "== mutation: ${areas[*]}"
  dotnet tool restore >/dev/null
  (cd tests/GoMemLab.Tests && dotnet stryker \
      --project GoMemLab.csproj \
      --configuration Release \
      --concurrency "${STRYKER_CONCURRENCY:-1}" \
      "${mutate[@]}" \
      --test-case-filter "$(IFS='|'; echo "${filters[*]}")" \
      --reporter Progress --reporter Json --reporter Html --reporter ClearText \
      --output "../../$out" \
      --skip-version-check \
      --config-file ../../scripts/stryker-config.json \
      "$@")
  local status=0
  for a in "${areas[@]}"; do score "$a" "$out/reports/mutation-report.json" || status=1; done
  return $status
}

# Stryker's score over one area's files: detected (killed, timeout) over detected + undetected (survived, no coverage).
score() {
  local a=$1 report=$2
  local files='[.files | to_entries[] | select(.key | test($re)) | .value.mutants[].status] as $s
    | ($s | map(select(. == "Killed" or . == "Timeout")) | length) as $det
    | ($s | map(select(. == "Survived" or . == "NoCoverage")) | length) as $und'
  jq -r --arg area "$a" --arg re "$(files_of "$a")" "$files"'
    | "\($area): \($det) detected of \($det + $und) (\(if $det + $und > 0 then ($det * 1000 / ($det + $und) | floor) / 10 else 100 end)%), "
      + "\($s | map(select(. == "Survived")) | length) survived, \($s | map(select(. == "NoCoverage")) | length) no coverage, "
      + "\($s | map(select(. == "Ignored")) | length) ignored, \($s | map(select(. == "CompileError")) | length) compile errors"
  ' "$report" | tee -a artifacts/mutation/scores.txt
  jq -r --arg re "$(files_of "$a")" '.files | to_entries[] | select(.key | test($re)) | .key as $f | .value.mutants[]
         | select(.status == "Survived" or .status == "NoCoverage")
         | "  \(.status) \($f | sub(".*/src/GoMemLab/"; "")):\(.location.start.line) \(.mutatorName): \(.replacement // "")"' \
    "$report" | cut -c1-200
  local pct
  pct=$(jq --arg re "$(files_of "$a")" "$files"' | if $det + $und > 0 then $det * 100 / ($det + $und) else 100 end' "$report")
  awk -v p="$pct" -v b="${BREAK_AT:-0}" 'BEGIN { exit (p + 0 < b + 0) ? 1 : 0 }' || { echo "$a: below ${BREAK_AT}%" >&2; return 1; }
}

# Stryker leaves its mutated GoMemLab.Core.dll in the test project's output when it is stopped; put the real one back.
restore_core() {
  local real=src/GoMemLab/bin/Release/net10.0/GoMemLab.Core.dll
  [ -f "$real" ] && cp "$real" tests/GoMemLab.Tests/bin/Release/net10.0/GoMemLab.Core.dll || true
}
trap restore_core EXIT

# The mutants an audit of the suite found surviving (issue 19), each applied to the source by hand: its area's tests
# must fail on it. One line each: AREA FILE 'TEXT' 'MUTANT TEXT' WHAT. The file is restored after each mutant.
audit_mutants() {
  cat <<'LIST'
profiles|Profiles/Analyses/Top.cs|return baseTotal > 0 ? baseTotal : total;|return total;|diff percentages over all samples, not the base total
profiles|Profiles/Analyses/Top.cs|Percentage(flatSum, total)|Percentage(graph.Flat[n], total)|sum% replaced by flat%
escape|Escape/EscapeCause.cs|return EscapeCauseKind.Spill;|return EscapeCauseKind.Unknown;|the spill cause read as unknown
telemetry|Telemetry/LeakSignal.cs|RelativeThreshold = 0.10;|RelativeThreshold = 0.30;|the leak threshold raised from 10% to 30% of the level
telemetry|Telemetry/LeakSignal.cs|? LeakVerdict.Shrinking|? LeakVerdict.Steady|shrinking read as steady
telemetry|Telemetry/LeakSignal.cs|level), absoluteFloor);|level), 0);|the absolute floor ignored
LIST
}

run_audit() {
  local killed=0 survived=0 file backup
  while IFS='|' read -r a rel text mutant what; do
    file=src/GoMemLab/$rel
    grep -qF -- "$text" "$file" || { echo "audit: '$text' is no longer in $rel: update the list" >&2; return 2; }
    backup=$(mktemp)
    cp "$file" "$backup"
    # shellcheck disable=SC2064
    trap "cp '$backup' '$file'; rm -f '$backup'" EXIT
    TEXT=$text MUTANT=$mutant perl -0pi -e 's/\Q$ENV{TEXT}\E/$ENV{MUTANT}/' "$file"
    if ! dotnet build tests/GoMemLab.Tests -c Release -v q -nologo > artifacts/mutation/audit-build.log 2>&1; then
      echo "audit: the mutant of $rel does not build (artifacts/mutation/audit-build.log)" >&2
      cp "$backup" "$file"; return 2
    fi
    if dotnet test tests/GoMemLab.Tests -c Release --no-build --filter "$(tests_of "$a")" > artifacts/mutation/audit-test.log 2>&1; then
      survived=$((survived + 1)); echo "SURVIVED  $a: $what ($rel)"
    else
      killed=$((killed + 1))
      echo "killed    $a: $what ($rel) by $(grep -oE '^\s+Failed [^ ]+' artifacts/mutation/audit-test.log | sed -e 's/(.*//' -e 's/.*\.//' | sort -u | head -3 | paste -sd, -)"
    fi
    cp "$backup" "$file"; rm -f "$backup"; trap - EXIT
  done < <(audit_mutants)
  dotnet build tests/GoMemLab.Tests -c Release -v q -nologo > /dev/null 2>&1 || true
  echo "audit: $killed killed, $survived survived"
  [ "$survived" -eq 0 ]
}

mkdir -p artifacts/mutation
if [ "$area" = audit ]; then run_audit; exit; fi
if [ "$area" = score ]; then report=$1; shift; for a in "$@"; do score "$a" "$report"; done; exit; fi
if [ "$area" = all ]; then run_areas profiles escape telemetry heapdumps -- "$@"; exit; fi
# AREA or AREA,AREA,...: one run over all of them.
IFS=, read -r -a areas <<< "$area"
for a in "${areas[@]}"; do mutate_of "$a" >/dev/null; done
run_areas "${areas[@]}" -- "$@"
