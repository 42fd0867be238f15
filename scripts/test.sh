#!/usr/bin/env bash
# The one test command (README, CI): installs what a fresh machine lacks, builds, runs every test
# (unit, golden, live Go, real notebook hosts, browser checks), and ends with "N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/prerequisites.sh
export PATH="$PATH:$HOME/.dotnet/tools"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

log=$(mktemp)
set +e
dotnet test GoMemLab.sln -c Release "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
# dotnet test prints "Passed!  - Failed: F, Passed: P, Skipped: S, Total: T" per test assembly; restate it
# in the plain form CI reads.
summary=$(grep -E '(Passed|Failed)!\s+- Failed:' "$log" | tail -1)
rm -f "$log"
if [[ $summary =~ Failed:\ +([0-9]+),\ Passed:\ +([0-9]+),\ Skipped:\ +([0-9]+) ]]; then
  echo "${BASH_REMATCH[2]} passed, ${BASH_REMATCH[1]} failed, ${BASH_REMATCH[3]} skipped"
else
  echo "0 passed, 1 failed (no test summary: the build or the test host failed)"
  [ "$status" -eq 0 ] && status=1
fi
exit "$status"
