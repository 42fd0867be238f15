#!/usr/bin/env bash
# Regenerates the README pictures from real outputs on the bundled data: the alloc-vs-inuse chart, a flame
# graph and the incident report, each rendered offline by headless Chromium (network off) into docs/images/.
set -euo pipefail
cd "$(dirname "$0")/.."
out=out/screens
mkdir -p "$out" docs/images
dotnet build src/GoMemLab.Cli -c Release -v q -nologo >/dev/null
gomemlab() { dotnet src/GoMemLab.Cli/bin/Release/net10.0/gomemlab.dll "$@"; }
A=data/artifacts

gomemlab pprof compare $A/heap/leaky-heap-4.pb.gz --chart "$out/alloc-vs-inuse.html" >/dev/null
gomemlab pprof flame $A/heap/leaky-heap-4.pb.gz --out "$out/flame.html" >/dev/null
gomemlab report --heap $A/heap/leaky-heap-1.pb.gz --heap $A/heap/leaky-heap-2.pb.gz --heap $A/heap/leaky-heap-3.pb.gz \
  --heap $A/heap/leaky-heap-4.pb.gz --escape $A/escape/leaky-m2.txt --asm $A/escape/leaky-asm.txt \
  --gctrace $A/telemetry/leaky-gctrace.log --memstats $A/telemetry/leaky-memstats.jsonl \
  --title "leaky service — memory incident report" --out "$out/report.html" >/dev/null

shoot() { # shoot PAGE PNG HEIGHT
  local profile; profile=$(mktemp -d)
  chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
    --disable-component-update --disable-sync --hide-scrollbars --host-resolver-rules="MAP * ~NOTFOUND" \
    --proxy-server=127.0.0.1:9 --virtual-time-budget=20000 --user-data-dir="$profile" \
    --window-size=1280,"$3" --screenshot="$PWD/$2" "file://$PWD/$1" 2>/dev/null
  rm -rf "$profile"
}
shoot "$out/alloc-vs-inuse.html" docs/images/alloc-vs-inuse.png 1000
shoot "$out/flame.html" docs/images/flame.png 760
shoot "$out/report.html" docs/images/report.png 1500
ls -la docs/images
