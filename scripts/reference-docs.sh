#!/usr/bin/env bash
# Regenerates docs/reference (one page per `gomemlab` command and per magic, with real example runs on the bundled
# artifacts) with the developer tool tools/GoMemLab.ReferenceDocs; ReferenceDocsTests fails when the committed pages differ.
#   bash scripts/reference-docs.sh               # writes docs/reference
#   bash scripts/reference-docs.sh --out DIR     # writes elsewhere (e.g. to compare)
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
exec dotnet run --project tools/GoMemLab.ReferenceDocs -c Release -- "$@"
