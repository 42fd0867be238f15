# Sourced by every data/gen/NN-*.sh step; it is not a step itself.
# generate.sh exports DATA_DIR, LARGE and MANIFEST_LOG; the defaults below let
# a single step be run by hand (bash data/gen/20-leaky-run.sh).
set -euo pipefail

: "${DATA_DIR:=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
: "${LARGE:=0}"
GO_DIR=$DATA_DIR/go
# A is the artifacts directory. Commands are recorded in MANIFEST.md with the
# literal "$A" so the manifest names no path of this machine.
A=$DATA_DIR/artifacts
LARGE_DIR=$DATA_DIR/large
: "${MANIFEST_LOG:=$A/.manifest-log.md}"

# Modules are built in a neutral directory so that no path of this machine
# ends up in logs, -json URIs, assembly or profile mappings: /src/<name>.
BUILD_ROOT=${GOMEMLAB_BUILD_ROOT:-/src}

# Standard library only: never reach for a module proxy.
export GOPROXY=off GO111MODULE=on

# copy_module NAME MODULE: make $BUILD_ROOT/NAME a fresh copy of
# data/go/MODULE and cd into it.
copy_module() {
	local name=$1 module=$2
	mkdir -p "$BUILD_ROOT"
	rm -rf "${BUILD_ROOT:?}/$name"
	cp -r "$GO_DIR/$module" "$BUILD_ROOT/$name"
	cd "$BUILD_ROOT/$name"
}

# stage NAME MODULE: copy_module, and start a section of the manifest for
# the commands run there.
stage() {
	copy_module "$1" "$2"
	printf '\n### In %s (a copy of data/go/%s)\n\n' "$BUILD_ROOT/$1" "$2" >>"$MANIFEST_LOG"
}

# produce WHAT COMMAND: run the shell COMMAND in the current directory and
# record it, verbatim, as the way WHAT was made.
produce() {
	local what=$1 cmd=$2
	printf -- '- %s\n\n      %s\n\n' "$what" "$cmd" >>"$MANIFEST_LOG"
	eval "$cmd"
}

# record WHAT COMMAND: record a command that the step runs some other way
# (in the background, in a loop).
record() {
	printf -- '- %s\n\n      %s\n\n' "$1" "$2" >>"$MANIFEST_LOG"
}

# listening_url FILE: wait up to 10 s for a "listening on URL" line in FILE (a
# service's stdout) and print URL; prints nothing when none came.
listening_url() {
	local url=
	for _ in $(seq 100); do
		url=$(sed -n 's/^listening on //p' "$1")
		[ -n "$url" ] && break
		sleep 0.1
	done
	printf '%s' "$url"
}

# wait_for_line FILE REGEX TENTHS: wait until a line of FILE matches REGEX, at
# most TENTHS tenths of a second; fails when none does.
wait_for_line() {
	for _ in $(seq "$3"); do
		grep -q "$2" "$1" && return 0
		sleep 0.1
	done
	grep -q "$2" "$1"
}

# await_load_stopped STEP PID URL: wait up to 30 s for the leaky service started
# as PID (stdout in run/stdout.txt) to print "load stopped"; when it has no URL or
# never stops its load, stop it and end STEP with an error.
await_load_stopped() {
	if [ -z "$3" ] || ! wait_for_line run/stdout.txt '^load stopped' 300; then
		echo "$1: leaky did not stop its load in time" >&2
		kill "$2"
		exit 1
	fi
}
