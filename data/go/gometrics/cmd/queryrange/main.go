// Command queryrange answers a Prometheus range query over scrapes that gometrics wrote, the way Prometheus's
// HTTP API does: it stands in for a Prometheus server (none can be installed here) that scraped several
// instances. For "METRIC{job=JOB}" from START to END at STEP it evaluates each instance's latest sample at or
// before every step (the 5-minute lookback of an instant vector selector) and writes
//
//	{"status":"success","data":{"resultType":"matrix","result":[{"metric":{"__name__":…,"instance":…,"job":…},"values":[[t,"v"],…]}]}}
//
// with series sorted by their labels, times as Unix seconds with up to three decimals and values as strings in
// Go's shortest 'f' form ('e' below 1e-6 or from 1e21), as Prometheus's util/jsonutil marshals them.
//
//	queryrange -metric go_memstats_heap_inuse_bytes -job api -step 200ms api-0:9090=DIR0 api-1:9090=DIR1 > answer.json
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"
)

type point struct {
	ms    int64
	value float64
}

func main() {
	metric := flag.String("metric", "", "metric name (an unlabelled series of the scrapes)")
	job := flag.String("job", "api", "the job label")
	step := flag.Duration("step", 200*time.Millisecond, "query resolution")
	flag.Parse()
	type series struct {
		instance string
		points   []point
	}
	var all []series
	start, end := int64(math.MaxInt64), int64(0)
	for _, arg := range flag.Args() {
		parts := strings.SplitN(arg, "=", 2)
		points := readScrapes(parts[1], *metric)
		all = append(all, series{parts[0], points})
		if points[0].ms < start {
			start = points[0].ms
		}
		if last := points[len(points)-1].ms; last > end {
			end = last
		}
	}
	sort.Slice(all, func(i, j int) bool { return all[i].instance < all[j].instance })
	stepMs := step.Milliseconds()
	start = (start + stepMs - 1) / stepMs * stepMs // Prometheus clients align start to the step
	var out strings.Builder
	out.WriteString(`{"status":"success","data":{"resultType":"matrix","result":[`)
	for i, s := range all {
		if i > 0 {
			out.WriteByte(',')
		}
		labels, _ := json.Marshal(map[string]string{"__name__": *metric, "instance": s.instance, "job": *job})
		fmt.Fprintf(&out, `{"metric":%s,"values":[`, labels)
		first := true
		for t := start; t <= end; t += stepMs {
			v, ok := at(s.points, t)
			if !ok {
				continue
			}
			if !first {
				out.WriteByte(',')
			}
			first = false
			fmt.Fprintf(&out, `[%s,"%s"]`, timestamp(t), value(v))
		}
		out.WriteString(`]}`)
	}
	out.WriteString("]}}\n")
	os.Stdout.WriteString(out.String())
}

// at is the latest sample at or before t within 5 minutes.
func at(points []point, t int64) (float64, bool) {
	for i := len(points) - 1; i >= 0; i-- {
		if points[i].ms <= t {
			return points[i].value, t-points[i].ms <= 5*60*1000
		}
	}
	return 0, false
}

func readScrapes(dir, metric string) []point {
	var points []point
	for i := 1; ; i++ {
		prom := filepath.Join(dir, fmt.Sprintf("scrape-%d.prom", i))
		if _, err := os.Stat(prom); err != nil {
			break
		}
		var stamp struct {
			UnixNano int64 `json:"unix_nano"`
		}
		raw, err := os.ReadFile(filepath.Join(dir, fmt.Sprintf("memstats-%d.json", i)))
		check(err)
		check(json.Unmarshal(raw, &stamp))
		points = append(points, point{stamp.UnixNano / 1e6, sampleValue(prom, metric)})
	}
	if len(points) == 0 {
		log.Fatalf("no scrape-N.prom in %s", dir)
	}
	return points
}

func sampleValue(path, metric string) float64 {
	f, err := os.Open(path)
	check(err)
	defer f.Close()
	s := bufio.NewScanner(f)
	for s.Scan() {
		fields := strings.Fields(s.Text())
		if len(fields) == 2 && fields[0] == metric {
			v, err := strconv.ParseFloat(fields[1], 64)
			check(err)
			return v
		}
	}
	log.Fatalf("%s: no sample %s", path, metric)
	return 0
}

func timestamp(ms int64) string {
	s := strconv.FormatInt(ms/1000, 10)
	if frac := ms % 1000; frac != 0 {
		s += fmt.Sprintf(".%03d", frac)
	}
	return s
}

func value(f float64) string {
	format := byte('f')
	if a := math.Abs(f); a != 0 && (a < 1e-6 || a >= 1e21) {
		format = 'e'
	}
	return strconv.FormatFloat(f, format, -1, 64)
}

func check(err error) {
	if err != nil {
		log.Fatal(err)
	}
}
