#!/usr/bin/env bash
# Start from an empty artifacts tree so nothing stale survives a regeneration.
source "$(dirname "$0")/common.sh"

rm -rf "${A:?}"
mkdir -p "$A/heap" "$A/escape" "$A/telemetry"
: >"$MANIFEST_LOG"
go version
