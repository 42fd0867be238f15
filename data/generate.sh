#!/usr/bin/env bash
# Regenerates every artifact under data/ from the Go programs in data/go with
# the real toolchain, by running each data/gen/NN-*.sh step in name order.
# Add a step by dropping a new NN-name.sh into data/gen; no edit here needed.
#
#   bash data/generate.sh           committed artifacts -> data/artifacts/
#   bash data/generate.sh --large   also benchmark inputs -> data/large/ (not committed)
set -euo pipefail

usage() { sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//'; }

LARGE=0
for arg in "$@"; do
	case $arg in
	--large) LARGE=1 ;;
	-h | --help) usage; exit 0 ;;
	*) echo "generate.sh: unknown argument $arg" >&2; usage >&2; exit 2 ;;
	esac
done

if ! command -v go >/dev/null 2>&1; then
	echo "generate.sh: the go command is not installed." >&2
	echo "Install it with: apt-get install golang-go   (the artifacts were made with Go 1.19.8 from Debian)" >&2
	exit 1
fi

DATA_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
MANIFEST_LOG=$(mktemp)
trap 'rm -f "$MANIFEST_LOG"' EXIT
export DATA_DIR LARGE MANIFEST_LOG

total_start=$SECONDS
for step in "$DATA_DIR"/gen/[0-9][0-9]-*.sh; do
	name=$(basename "$step")
	echo "==> $name"
	start=$SECONDS
	bash "$step"
	echo "    $name took $((SECONDS - start)) s"
done
echo "generate.sh: done in $((SECONDS - total_start)) s"
