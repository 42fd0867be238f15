#!/usr/bin/env bash
# Makes a fleet of real heap profiles: the sample services leaky and churn, built once and run as six pods at
# once, each writing a heap profile every EVERY for SECONDS, into hive-style label folders:
#
#   OUT/service=leaky/load=high/pod=leaky-1/heap-N.pb.gz   (leaky -rps 3000)
#   OUT/service=leaky/load=high/pod=leaky-2/heap-N.pb.gz   (leaky -rps 3000)
#   OUT/service=leaky/load=low/pod=leaky-3/heap-N.pb.gz    (leaky -rps 1000)
#   OUT/service=churn/load=high/pod=churn-1/heap-N.pb.gz   (churn -jobs 4000)
#   OUT/service=churn/load=high/pod=churn-2/heap-N.pb.gz   (churn -jobs 4000)
#   OUT/service=churn/load=low/pod=churn-3/heap-N.pb.gz    (churn -jobs 2000)
#
# Every profile is what runtime/pprof wrote; nothing is derived or edited. About 6 * SECONDS / EVERY profiles
# (4 s at 100ms: about 230 profiles of 2-8 KB in about 5 s once the binaries are built).
#
# Usage: bash data/gen/fleet.sh OUT SECONDS [EVERY]      (EVERY is a Go duration, default 100ms)
# The binaries are built under $GOMEMLAB_BUILD_ROOT (default /src; a temporary folder when that is not
# writable) so the profiles' mapping names no path of this machine. Needs go; stdlib only, GOPROXY=off.
set -euo pipefail
out=${1:?usage: fleet.sh OUT SECONDS [EVERY]}
seconds=${2:?usage: fleet.sh OUT SECONDS [EVERY]}
every=${3:-100ms}
data_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export GOPROXY=off GO111MODULE=on

build_root=${GOMEMLAB_BUILD_ROOT:-/src}
root=$( (mkdir -p "$build_root" && mktemp -d "$build_root/fleet-gen.XXXXXX") 2>/dev/null || mktemp -d)
trap 'rm -rf "$root"' EXIT
cp -r "$data_dir/go/leaky" "$root/leaky-src"
cp -r "$data_dir/go/churn" "$root/churn-src"
(cd "$root/leaky-src" && go build -trimpath -o "$root/leaky" ./cmd/leaky)
(cd "$root/churn-src" && go build -trimpath -o "$root/churn" .)

pids=()
run() { # run LABEL_PATH PROGRAM ARGS...
	local dir=$out/$1
	shift
	mkdir -p "$dir"
	"$@" -duration "${seconds}s" -profile-dir "$dir" -profile-every "$every" >/dev/null 2>&1 &
	pids+=($!)
}
run service=leaky/load=high/pod=leaky-1 "$root/leaky" -addr "" -cpu-profile-for 0 -rps 3000
run service=leaky/load=high/pod=leaky-2 "$root/leaky" -addr "" -cpu-profile-for 0 -rps 3000
run service=leaky/load=low/pod=leaky-3 "$root/leaky" -addr "" -cpu-profile-for 0 -rps 1000
run service=churn/load=high/pod=churn-1 "$root/churn" -jobs 4000
run service=churn/load=high/pod=churn-2 "$root/churn" -jobs 4000
run service=churn/load=low/pod=churn-3 "$root/churn" -jobs 2000
for pid in "${pids[@]}"; do wait "$pid"; done
# leaky also leaves a goroutine profile and the debug=1 text at exit: the fleet is heap profiles only.
find "$out" \( -name goroutine.pb.gz -o -name heap-debug1.txt \) -delete
echo "fleet.sh: $(find "$out" -name 'heap-*.pb.gz' | wc -l) heap profiles in $out"
