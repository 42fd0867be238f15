#!/usr/bin/env bash
# The seed article's claims, run against the real toolchain: every command
# docs/seed-claims.md quotes is run here, in a copy of data/go/seed-claims,
# and its output is written to seed-claims/transcript.txt. The step fails when
# a verdict of the doc stops holding (a flag that starts to exist, an escape
# that changes), so the doc cannot silently rot; a test checks that every
# excerpt the doc quotes is in the transcript.
#
#   bash data/gen/67-seed-claims.sh      (a few minutes: the first build recompiles the standard library with GOSSAFUNC set)
source "$(dirname "$0")/common.sh"

stage seed-claims seed-claims
out=$A/seed-claims/transcript.txt
mkdir -p "$A/seed-claims"
: >"$out"
fail() { echo "67-seed-claims: FAIL: $*" >&2; exit 1; }

# claim ID COMMAND: run the shell COMMAND here (stderr and stdout together),
# append "## ID", "$ COMMAND", its output and "exit N" to the transcript.
claim() {
	local id=$1 cmd=$2 status
	record "seed-claims/transcript.txt ($id)" "$cmd"
	set +e
	text=$(eval "$cmd" 2>&1)
	status=$?
	set -e
	printf '## %s\n$ %s\n%s\nexit %d\n\n' "$id" "$cmd" "$text" "$status" >>"$out"
	last_status=$status
}
has() { grep -qF -- "$1" <<<"$text" || fail "$2: output lacks '$1'"; }

claim gcrootdump 'go build -gcflags=-d=ssa/gcrootdump ./escape'
has 'Did not find a phase matching gcrootdump' gcrootdump
claim ssa-escape 'go build -gcflags=-d=ssa/escape ./escape'
has 'Did not find a phase matching escape' ssa-escape
claim ssa-debug 'go tool compile -o /dev/null -ssa-debug=2 escape/checknil.go'
has 'flag provided but not defined: -ssa-debug' ssa-debug
claim checknil 'go build -gcflags=-d=ssa/checknil ./escape'
has 'Did not find a phase matching checknil' checknil
claim debug-keys 'go tool compile -d help'
has 'print information about nil checks' debug-keys
grep -q gcroot <<<"$text" && fail "debug-keys: a gcroot key exists now"
claim nil 'go build -trimpath -gcflags=-d=nil ./escape'
has 'generated nil check' nil

# The seed's GOSSAFUNC command, fresh (-a: every package compiled again), then
# cached (the same command again after removing ssa.html).
claim gossafunc-fresh 'cd cmd/gossafunc && GOSSAFUNC=main go build -a -gcflags="-l -m" main.go; ls; grep -c ROOT ssa.html; grep -o "<strong>[^<]*</strong>" ssa.html'
has 'dumped SSA to ./ssa.html' gossafunc-fresh
has '# runtime' gossafunc-fresh
claim localaddr 'cd cmd/gossafunc && sed "s/<[^>]*>//g; s/&lt;/</g; s/&gt;/>/g" ssa.html | grep -o "v[0-9]* ([0-9]*) = LocalAddr <\*\[3\]int> {buf} v[0-9]* v[0-9]*" | sort -u -t= -k2 | head -3; grep -c ROOT ssa.html'
has 'LocalAddr <*[3]int> {buf}' localaddr
claim gossafunc-cached 'cd cmd/gossafunc && rm ssa.html && GOSSAFUNC=main go build -gcflags="-l -m" main.go; ls'
has 'dumped SSA to ./ssa.html' gossafunc-cached
grep -qx 'ssa.html' <<<"$text" && fail "gossafunc-cached: a cached build wrote ssa.html"
rm -f cmd/gossafunc/ssa.html cmd/gossafunc/main

claim escape-m2 'go build -gcflags=-m=2 ./escape 2>&1 | grep -E "newhandler|poolunsafe|causes.go:1[67]|causes.go:35:23: x|iface"'
has 'flow: ~r0 = &{storage for &Handler{...}}:' escape-m2
has '&[256]byte{} escapes to heap' escape-m2
has 'moved to heap: x' escape-m2
has 'escape/iface.go:9:22: x does not escape' escape-m2
grep -qE 'moved to heap: cfg|cfg escapes' <<<"$text" && fail "escape-m2: cfg escapes now"
claim escape-asm 'go build -trimpath -gcflags=-S ./escape 2>&1 | grep -E "^example.com/seedclaims/escape\.[A-Za-z]+ STEXT|CALL.runtime\.(convT64|newobject)" | sed "s/ size=.*//"'
has 'escape.IsText STEXT' escape-asm
has 'escape/iface.go:20)	CALL	runtime.convT64(SB)' escape-asm
grep -A1 'escape.IsText STEXT' <<<"$text" | grep -q CALL && fail "escape-asm: IsText calls the runtime now"
claim allocs 'go run -trimpath ./cmd/allocs'
has 'convT64 allocs per boxing of 255: 0' allocs
has 'convT64 allocs per boxing of 256: 1' allocs
has 'GetBuf allocs per call: 1' allocs

# The runtime and compiler names the article uses, looked up in the installed source.
src=$(go env GOROOT)/src
claim runtime-names "cd $src/runtime && for n in 'func gchelper' 'work.roots' 'func markroot(' 'nDataRoots, nBSSRoots, nSpanRoots, nStackRoots' 'func gcMarkRoots' 'stack0' 'go_gc_roots_scan_errors_total' 'func gcMarkRootPrepare('; do printf '%-46s %s\n' \"\$n\" \"\$(grep -lF \"\$n\" *.go | grep -v _test | tr '\n' ' ')\"; done"
grep -qE '^func markroot\( +mgcmark.go' <<<"$text" || fail "runtime-names: markroot is not in mgcmark.go"
grep -qE '^(func gchelper|work.roots|func gcMarkRoots|stack0|go_gc_roots_scan_errors_total) +[a-z]' <<<"$text" && fail "runtime-names: a name the article invents exists now"
claim gopreempt "cd $src/runtime && grep -n -A5 '^func gopreempt_m' proc.go && grep -n -A8 '^func goschedImpl' proc.go"
has 'casgstatus(gp, _Grunning, _Grunnable)' gopreempt
claim genptrmask "cd $src/cmd/compile && grep -rn genPtrMask . ; echo \"genPtrMask matches: \$(grep -rn genPtrMask . | wc -l)\"; grep -rn '^func [a-z]*ptrmask' ."
has 'genPtrMask matches: 0' genptrmask
claim profile-docs "cd $src && sed -n '113,115p' runtime/pprof/pprof.go && sed -n '643,647p' runtime/mprof.go && grep -n 'MemProfileRate int =' runtime/mprof.go && sed -n '378,386p' runtime/iface.go"
has 'as of the most recently completed' profile-docs
claim pauses "for f in churn leaky; do grep '^gc [0-9]' \"\$A/telemetry/\$f-gctrace.log\" | awk '{ split(\$5, c, \"+\"); print c[1] + c[3] }' | sort -g | awk -v f=\$f '{ v[NR] = \$1 } END { n = NR; printf \"%s: %d GCs, STW p50 %s ms, p99 %s ms, max %s ms\\n\", f, n, v[int((50*n+99)/100)], v[int((99*n+99)/100)], v[n] }'; done"
sed -i "s|$src|\$GOROOT/src|g" "$out"
echo "    wrote $out ($(grep -c '^## ' "$out") claims)"
