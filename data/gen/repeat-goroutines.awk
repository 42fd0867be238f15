# Repeats the goroutine records of a real debug=2 dump until `want` goroutines are written, giving every copy
# fresh ids (the id plus the copy number times one more than the largest id) so no id repeats. Records are the
# blank-line separated blocks that start with "goroutine N [". Used by data/gen/61-goroutines.sh and
# bench/goroutine-dump.sh to make the 1M-goroutine benchmark dump from cmd/many's output.
#   awk -v want=1000000 -f data/gen/repeat-goroutines.awk many-debug2.txt > goroutines-1m-debug2.txt
BEGIN { RS = ""; ORS = "\n\n" }
/^goroutine [0-9]+ \[/ {
	record[n++] = $0
	split($0, f, " ")
	if (f[2] + 0 > max) max = f[2] + 0
}
END {
	if (n == 0) exit 1
	for (rep = 0; written < want; rep++) {
		for (i = 0; i < n && written < want; i++) {
			split(record[i], f, " ")
			rest = substr(record[i], length("goroutine " f[2]) + 1)
			if (written > 0) printf "\n"
			printf "goroutine %d%s\n", f[2] + rep * (max + 1), rest
			written++
		}
	}
}
