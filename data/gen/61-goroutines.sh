#!/usr/bin/env bash
# Goroutine dumps in every form runtime/pprof and the runtime write, into
# artifacts/goroutines/ (notes and commands in its MANIFEST.md):
#  - known-*: data/go/goroutines/cmd/known starts goroutines whose numbers, start
#    functions, creation sites and states it knows, and writes debug=0/1/2 dumps
#    and known-expected.json; also a panic traceback (GOTRACEBACK=all), a SIGQUIT
#    dump (GOTRACEBACK=all, kill -QUIT) and a debug=2 dump after a 61 s hold,
#    whose blocked goroutines report "1 minutes";
#  - phases-N-*: cmd/phases at 6 moments, one group growing, one steady, one
#    shrinking, with phases-expected.json;
#  - leaky-goroutine-N-* and leaky-heap-at-N.pb.gz: the leaky service's
#    /debug/pprof/goroutine?debug=0|1|2 and heap every 5 s, and the same for the
#    service with the leak fixed (data/go/leaky-fixed overlaid on leaky);
#  - guard-test-leaky.txt / guard-test-fixed.txt: the goleak-style Go test of
#    leaky-fixed run on the leaky and the fixed audit.go.
# With --large, also data/large/goroutines-1m-debug2.txt: cmd/many's real
# 20,000-goroutine dump repeated with fresh ids up to 1,000,000 goroutines.
source "$(dirname "$0")/common.sh"

G=$A/goroutines
rm -rf "$G"
mkdir -p "$G"
GEN_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
LOCAL_LOG=$G/.commands.md
: >"$LOCAL_LOG"
# note WHAT COMMAND: record a command in the full manifest and in this folder's own.
note() {
	record "$1" "$2"
	printf -- '- %s\n\n      %s\n\n' "$1" "$2" >>"$LOCAL_LOG"
}

stage goroutines goroutines
go vet ./...
go build -trimpath -o bin/known ./cmd/known
go build -trimpath -o bin/phases ./cmd/phases
go build -trimpath -o bin/many ./cmd/many
note 'the test programs' 'go build -trimpath -o bin/known ./cmd/known && go build -trimpath -o bin/phases ./cmd/phases && go build -trimpath -o bin/many ./cmd/many'

# The 61 s hold runs in the background while the rest is made.
mkdir -p held
bin/known -out held -hold 61s 2>held/stderr.txt &
held_pid=$!
note 'known-held-debug2.txt, known-held-expected.json (dumps after every goroutine has waited 61 s)' \
	'bin/known -out held -hold 61s   # then held/known-debug2.txt and held/expected.json'

mkdir -p known
bin/known -out known 2>/dev/null
for f in known.pb.gz known-debug1.txt known-debug2.txt; do cp "known/$f" "$G/$f"; done
cp known/expected.json "$G/known-expected.json"
note 'known.pb.gz, known-debug1.txt, known-debug2.txt, known-expected.json' 'bin/known -out known'

mkdir -p panic
set +e
GOTRACEBACK=all bin/known -out panic -then panic 2>"$G/known-panic.txt"
status=$?
set -e
[ "$status" = 2 ] || { echo "61-goroutines: the panic run exited $status, expected 2" >&2; exit 1; }
note 'known-panic.txt (the traceback on stderr, exit status 2)' 'GOTRACEBACK=all bin/known -out panic -then panic 2> known-panic.txt'

mkdir -p quit
GOTRACEBACK=all bin/known -out quit -then wait >quit/stdout.txt 2>"$G/known-sigquit.txt" &
quit_pid=$!
for _ in $(seq 100); do grep -q waiting quit/stdout.txt && break; sleep 0.1; done
kill -QUIT "$quit_pid"
wait "$quit_pid" || true
cp quit/expected.json "$G/known-sigquit-expected.json"
note 'known-sigquit.txt, known-sigquit-expected.json (kill -QUIT once it prints "waiting")' \
	'GOTRACEBACK=all bin/known -out quit -then wait 2> known-sigquit.txt & kill -QUIT $!'

mkdir -p phases
bin/phases -out phases -snapshots 6 -every 1s
cp phases/phases-* "$G/"
note 'phases-{1..6}.pb.gz, phases-{1..6}-debug1.txt, phases-{1..6}-debug2.txt, phases-expected.json' \
	'bin/phases -out phases -snapshots 6 -every 1s'

# capture NAME: run ./leaky for 40 s and fetch its goroutine dumps and heap profile at 5, 10, … 30 s.
capture() {
	local name=$1 url="" started
	go build -trimpath -o leaky ./cmd/leaky
	./leaky -duration 40s -addr 127.0.0.1:0 >run-stdout.txt 2>run-stderr.txt &
	local pid=$!
	started=$SECONDS
	url=$(listening_url run-stdout.txt)
	[ -n "$url" ] || { echo "61-goroutines: $name did not print its address" >&2; kill "$pid"; exit 1; }
	for n in 1 2 3 4 5 6; do
		local wait_s=$((n * 5 - (SECONDS - started)))
		[ "$wait_s" -gt 0 ] && sleep "$wait_s"
		curl -sSf "$url/debug/pprof/goroutine?debug=0" >"$G/$name-goroutine-$n.pb.gz"
		curl -sSf "$url/debug/pprof/goroutine?debug=1" >"$G/$name-goroutine-$n-debug1.txt"
		curl -sSf "$url/debug/pprof/goroutine?debug=2" >"$G/$name-goroutine-$n-debug2.txt"
		curl -sSf "$url/debug/pprof/heap" >"$G/$name-heap-at-$n.pb.gz"
	done
	wait "$pid"
	note "$name-goroutine-{1..6}.pb.gz, -debug1.txt, -debug2.txt and $name-heap-at-{1..6}.pb.gz (every 5 s from 5 s on)" \
		"./leaky -duration 40s -addr 127.0.0.1:0 & curl -sSf http://127.0.0.1:PORT/debug/pprof/goroutine?debug=0|1|2 (and /debug/pprof/heap) at 5, 10, … 30 s"
}

stage leaky-goroutines leaky
capture leaky

stage leaky-goroutines-fixed leaky
cp -r "$GO_DIR/leaky-fixed/cmd" .
note 'the fixed service' 'cp -r data/go/leaky-fixed/cmd .   # in a copy of data/go/leaky: the fixed audit.go and its guard test'
capture leaky-fixed
go test -count=1 ./cmd/leaky >"$G/guard-test-fixed.txt" 2>&1
note 'guard-test-fixed.txt (passes)' 'go test -count=1 ./cmd/leaky'

copy_module leaky-goroutines leaky
cp "$GO_DIR/leaky-fixed/cmd/leaky/audit_test.go" cmd/leaky/
if go test -count=1 ./cmd/leaky >"$G/guard-test-leaky.txt" 2>&1; then
	echo "61-goroutines: the guard test passed on the leaky audit.go" >&2
	exit 1
fi
note 'guard-test-leaky.txt (fails: the leak)' 'cp data/go/leaky-fixed/cmd/leaky/audit_test.go cmd/leaky/ && go test -count=1 ./cmd/leaky   # in a copy of data/go/leaky'

cd "$BUILD_ROOT/goroutines"
wait "$held_pid"
cp held/known-debug2.txt "$G/known-held-debug2.txt"
cp held/expected.json "$G/known-held-expected.json"

if [ "$LARGE" = 1 ]; then
	mkdir -p "$LARGE_DIR"
	bin/many -n 20000 -out many-debug2.txt
	awk -v want=1000000 -f "$GEN_DIR/repeat-goroutines.awk" many-debug2.txt >"$LARGE_DIR/goroutines-1m-debug2.txt"
	echo "    goroutines 1M: $(grep -c '^goroutine ' "$LARGE_DIR/goroutines-1m-debug2.txt") goroutines, $(du -m "$LARGE_DIR/goroutines-1m-debug2.txt" | cut -f1) MB"
fi

{
	echo "# Goroutine dumps"
	echo
	echo "Generated by \`bash data/gen/61-goroutines.sh\` with \`$(go version)\` (Linux amd64). Do not edit by hand."
	echo "Programs are built with \`-trimpath\` in copies under \`$BUILD_ROOT\`; \`known-expected.json\` and"
	echo "\`phases-expected.json\` say what the programs started (the ground truth of the tests)."
	echo
	cat "$LOCAL_LOG"
} >"$G/MANIFEST.md"
rm -f "$LOCAL_LOG"
du -sh "$G"
