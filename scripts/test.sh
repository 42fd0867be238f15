#!/usr/bin/env bash
# The one test command (README, CI): installs what a fresh machine lacks, builds, runs every test
# (unit, golden, live Go, real notebook hosts, browser checks), fuzzes every parser briefly (AFL++), and ends
# with "N passed, N failed" (each fuzz target counts as one test).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/prerequisites.sh
export PATH="$PATH:$HOME/.dotnet/tools"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# The house style first, before the long run: .editorconfig's whitespace and style rules (`dotnet format GoMemLab.sln`
# fixes what it reports) and no C# line past 140 characters. Either failing stops here, naming the files.
if ! dotnet format GoMemLab.sln --verify-no-changes --verbosity quiet || ! bash scripts/check-line-length.sh; then
  echo "0 passed, 1 failed (house style: see above)"
  exit 1
fi

# Tests clean up after themselves: what they leave in the temp folder (everything they make there is named gomemlab-*)
# counts as one failed test.
tmp=${TMPDIR:-/tmp}
leftovers_before=$(ls -d "$tmp"/gomemlab-* 2>/dev/null | sort || true)

log=$(mktemp)
set +e
dotnet test GoMemLab.sln -c Release "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

left=$(comm -13 <(echo "$leftovers_before") <(ls -d "$tmp"/gomemlab-* 2>/dev/null | sort || true) | grep -v '^$' || true)
left_failed=0
if [ -n "$left" ]; then
  echo "tests left these in $tmp (each test must delete what it makes):"
  echo "$left" | sed 's/^/  /'
  left_failed=1
  [ "$status" -eq 0 ] && status=1
fi
# dotnet test prints "Passed!  - Failed: F, Passed: P, Skipped: S, Total: T" per test assembly; restate it
# in the plain form CI reads.
summary=$(grep -E '(Passed|Failed)!\s+- Failed:' "$log" | tail -1)
rm -f "$log"

# Coverage-guided fuzzing of every parser for a short budget on every run (docs/fuzzing.md): each target counts
# as one test, failed when AFL++ saved a crash, a hang or a slow input. FUZZ_SECONDS=0 skips it.
fuzz_passed=0 fuzz_failed=0
if [[ ${FUZZ_SECONDS:-8} -gt 0 ]]; then
  fuzz_dir=$(mktemp -d)
  FUZZ_DIR=$fuzz_dir bash scripts/fuzz-all.sh "${FUZZ_SECONDS:-8}" > "$fuzz_dir/summary" 2>&1 || true
  while read -r line; do
    echo "fuzz: $line"
    if [[ $line =~ crashes=0\ hangs=0\ slow_inputs=0\ forkserver_aborts=0 ]]; then fuzz_passed=$((fuzz_passed + 1)); else fuzz_failed=$((fuzz_failed + 1)); fi
  done < <(grep -E '^[a-z-]+ execs=' "$fuzz_dir/summary")
  if (( fuzz_passed + fuzz_failed < 12 )); then
    echo "fuzz: fewer than 12 targets reported; last lines of the fuzz run:"; tail -n 20 "$fuzz_dir/summary"
    fuzz_failed=$((12 - fuzz_passed))
  fi
  if (( fuzz_failed > 0 )); then
    echo "fuzz: findings kept in $fuzz_dir/findings (replay: dotnet run --project tests/GoMemLab.Fuzz -- TARGET --replay DIR)"
    [ "$status" -eq 0 ] && status=1
  else
    rm -rf "$fuzz_dir"
  fi
fi

if [[ $summary =~ Failed:\ +([0-9]+),\ Passed:\ +([0-9]+),\ Skipped:\ +([0-9]+) ]]; then
  echo "$((BASH_REMATCH[2] + fuzz_passed)) passed, $((BASH_REMATCH[1] + fuzz_failed + left_failed)) failed, ${BASH_REMATCH[3]} skipped"
else
  echo "0 passed, 1 failed (no test summary: the build or the test host failed)"
  [ "$status" -eq 0 ] && status=1
fi
exit "$status"
