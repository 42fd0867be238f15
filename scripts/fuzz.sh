#!/usr/bin/env bash
# Coverage-guided fuzzing of one GoMemLab parser with AFL++ (Debian package afl++) and SharpFuzz (NuGet).
#
#   scripts/fuzz.sh TARGET SECONDS     targets: pprof pprof-legacy escape-text escape-json asm gctrace memstats prometheus notebook heapdump ssa goroutines
#
# Builds tests/GoMemLab.Fuzz into $FUZZ_DIR/bin (default .fuzz/, git-ignored), instruments GoMemLab.Core.dll
# and gomemlab.dll there with the `sharpfuzz` tool (.config/dotnet-tools.json), seeds from small slices of
# data/artifacts, runs afl-fuzz for SECONDS (-V), then prints one line:
#   TARGET execs=N execs_per_sec=N crashes=N hangs=N slow_inputs=N forkserver_aborts=N corpus=N
# and exits 1 when AFL saved a crash or a hang, or an input ran over FUZZ_SLOW_MS (inputs in
# $FUZZ_DIR/findings/TARGET/default/{crashes,hangs} and $FUZZ_DIR/slow/TARGET;
# replay them without instrumentation, which shows the real exception and line numbers:
#   dotnet run --project tests/GoMemLab.Fuzz -- TARGET --replay $FUZZ_DIR/findings/TARGET/default/crashes).
# Findings are kept between runs: a second run resumes from the queue of the first (AFL_AUTORESUME).
# FUZZ_SKIP_BUILD=1 reuses an existing instrumented build (scripts/fuzz-all.sh builds once).
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:?usage: scripts/fuzz.sh TARGET SECONDS}
seconds=${2:?usage: scripts/fuzz.sh TARGET SECONDS}
fuzz_dir=${FUZZ_DIR:-$PWD/.fuzz}
bin=$fuzz_dir/bin
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

command -v afl-fuzz >/dev/null || { echo "afl-fuzz not found: apt-get install afl++" >&2; exit 2; }

if [[ ${FUZZ_SKIP_BUILD:-0} != 1 || ! -f $bin/GoMemLab.Fuzz.dll ]]; then
  rm -rf "$bin"
  dotnet publish tests/GoMemLab.Fuzz -c Release -o "$bin" -v q --nologo >/dev/null
  dotnet tool restore >/dev/null
  # Only the code under test is instrumented: the parsers (core) and the notebook reader (CLI).
  for assembly in GoMemLab.Core.dll gomemlab.dll; do
    dotnet sharpfuzz "$bin/$assembly" GoMemLab >/dev/null
  done
fi

# Seeds: small, valid slices of the committed artifacts (AFL works best on inputs of a few KB).
seeds=$fuzz_dir/seeds/$target
rm -rf "$seeds"; mkdir -p "$seeds"
art=data/artifacts
slice() { # slice FILE FIRST_LINE COUNT NAME
  sed -n "$2,$(($2 + $3 - 1))p" "$1" > "$seeds/$4"
}
case $target in
  pprof)
    for f in "$art"/heap/*.pb.gz; do gunzip -c "$f" > "$seeds/$(basename "$f" .gz)"; done
    cp "$art/heap/fix-after-heap.pb.gz" "$seeds/" ;;
  pprof-legacy)
    slice "$art/heap/leaky-heap-debug1.txt" 1 40 head.txt
    { head -n 12 "$art/heap/leaky-heap-debug1.txt"; grep -n '^# runtime.MemStats' "$art/heap/leaky-heap-debug1.txt" >/dev/null &&
      sed -n '/^# runtime.MemStats/,$p' "$art/heap/leaky-heap-debug1.txt"; } > "$seeds/trailer.txt" ;;
  escape-text)
    slice "$art/escape/leaky-m1.txt" 1 60 m1.txt
    slice "$art/escape/leaky-m2.txt" 1 80 m2.txt
    cp "$art/escape/fix-before-m2.txt" "$seeds/" ;;
  escape-json)
    for f in "$art"/escape/leaky-json/*/*.json; do
      [[ $(stat -c %s "$f") -le 8192 ]] && cp "$f" "$seeds/$(basename "$(dirname "$f")")-$(basename "$f")"
    done ;;
  asm)
    slice "$art/escape/leaky-asm.txt" 1 60 head.txt
    line=$(grep -n 'runtime.newobject' "$art/escape/leaky-asm.txt" | head -1 | cut -d: -f1)
    slice "$art/escape/leaky-asm.txt" $((line > 30 ? line - 30 : 1)) 60 newobject.txt ;;
  gctrace)
    slice "$art/telemetry/leaky-gctrace.log" 1 20 leaky.log
    slice "$art/telemetry/churn-gctrace.log" 1 20 churn.log ;;
  memstats)
    slice "$art/telemetry/leaky-memstats.jsonl" 1 3 leaky.jsonl
    cp "$art/telemetry/leaky-vars-1.json" "$seeds/"
    sed -n '/^# runtime.MemStats/,$p' "$art/heap/leaky-heap-debug1.txt" > "$seeds/debug1-trailer.txt"
    slice "$art/telemetry/runtime-metrics.jsonl" 1 2 runtime-metrics.jsonl
    cp "$art/telemetry/prometheus/query_range-go_goroutines.json" "$seeds/" ;;
  prometheus)
    cp "$art/telemetry/prometheus/api-0/scrape-1.prom" "$seeds/current.prom"
    cp "$art/telemetry/prometheus/old-client/scrape-1.prom" "$seeds/old-client.prom"
    cp "$art/telemetry/prometheus/openmetrics/scrape-1.txt" "$seeds/openmetrics.txt"
    ;;
  notebook)
    cp notebooks/00-start-here.ipynb "$seeds/" ;;
  heapdump)
    # A real dump is over a megabyte (the runtime's own objects); the synthetic one is 847 bytes of every record kind.
    cp tests/GoMemLab.Tests/BadInputs/heapdump-tiny.dump "$seeds/" ;;
  ssa)
    # A page without its CSS and script, and with few columns: the title, sources, AST, the first SSA phase, genssa.
    for page in "$art"/ssa/*.html; do
      { grep -m1 '<body>' "$page"
        grep -E '^<table><tr><td id="sources-col"|^<td id="(AST|before-insert-phis|genssa)-col"' "$page"
        echo '</tr></table></body></html>'; } > "$seeds/$(basename "$page" .html)-columns.html"
    done ;;
  goroutines)
    g=$art/goroutines
    gunzip -c "$g/known.pb.gz" > "$seeds/known.pb"
    cp "$g/known-debug1.txt" "$seeds/"
    slice "$g/known-debug2.txt" 1 80 debug2.txt
    slice "$g/known-sigquit.txt" 1 80 sigquit.txt
    { sed -n '1,12p' "$g/known-panic.txt"; } > "$seeds/panic.txt" ;;
  *) echo "unknown target $target" >&2; exit 2 ;;
esac

findings=$fuzz_dir/findings/$target
slow=$fuzz_dir/slow/$target
mkdir -p "$findings"
log=$fuzz_dir/$target.afl.log
stats=$findings/default/fuzzer_stats
stat_of() { awk -F' *: *' -v k="$1" '$1 == k { print $2 }' "$stats"; }
# SharpFuzz runs all inputs in one .NET process, so an input that AFL times out (-t) takes the
# forkserver down with it and afl-fuzz aborts. The harness saves such an input to $slow first
# (FUZZ_SLOW_MS, below AFL's timeout); this loop counts the abort as a hang and resumes for the
# rest of the budget. execs add up across restarts unless AFL restored them from its stats file.
deadline=$((SECONDS + seconds))
execs=0 restarts=0
while (( deadline - SECONDS >= 5 )); do
  set +e
  AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_AUTORESUME=1 AFL_FORKSRV_INIT_TMOUT=60000 \
  AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_AFFINITY=1 FUZZ_SLOW_DIR="$slow" FUZZ_SLOW_MS=${FUZZ_SLOW_MS:-1500} \
    afl-fuzz -i "$seeds" -o "$findings" -t "${FUZZ_TIMEOUT_MS:-3000}" -m none -V $((deadline - SECONDS)) \
    -- dotnet "$bin/GoMemLab.Fuzz.dll" "$target" > "$log" 2>&1
  status=$?
  set -e
  if [[ ! -f $stats ]]; then
    echo "$target: afl-fuzz did not start (exit $status); last lines of $log:" >&2
    tail -n 20 "$log" >&2
    exit 2
  fi
  run_execs=$(stat_of execs_done)
  if (( run_execs >= execs )); then execs=$run_execs; else execs=$((execs + run_execs)); fi
  grep -q 'Unable to communicate with fork server' "$log" || break
  restarts=$((restarts + 1))
  cp "$log" "$fuzz_dir/$target.afl.abort-$restarts.log"
done
crashes=$(stat_of saved_crashes); hangs=$(stat_of saved_hangs)
slow_inputs=0
[[ -d $slow ]] && slow_inputs=$(find "$slow" -type f | wc -l)
echo "$target execs=$execs execs_per_sec=$(stat_of execs_per_sec) crashes=$crashes hangs=$hangs slow_inputs=$slow_inputs forkserver_aborts=$restarts corpus=$(stat_of corpus_count)"
[[ $crashes == 0 && $hangs == 0 && $slow_inputs == 0 && $restarts == 0 ]]
