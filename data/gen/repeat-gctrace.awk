# Repeats the "gc N @T s" lines of a real gctrace log until `want` lines are written, shifting N and T past
# the previous copy so the series stays monotonic. Used by data/gen/70-large.sh and bench/gctrace-parse.sh.
#   awk -v want=1000000 -f data/gen/repeat-gctrace.awk leaky-gctrace.log > gctrace-1m.log
/^gc [0-9]+ @[0-9.]+s / { line[n++] = $0; split($3, t, /[@s]/); last_t = t[2]; last_n = $2 }
END {
	if (n == 0) exit 1
	for (rep = 0; written < want; rep++) {
		for (i = 0; i < n && written < want; i++) {
			split(line[i], f, " ")
			split(f[3], t, /[@s]/)
			rest = substr(line[i], length("gc " f[2] " " f[3]) + 1)
			printf "gc %d @%.3fs%s\n", f[2] + rep * last_n, t[2] + rep * (last_t + 1), rest
			written++
		}
	}
}
