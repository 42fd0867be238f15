package main

// The documented snippet (docs/formats/runtime-metrics.md): one JSON line of runtime/metrics samples per call,
// {"unix_nano":…,"metrics":{"/gc/heap/goal:bytes":4194304,…}}, scalar metrics only (histograms left out).

import (
	"encoding/json"
	"io"
	"math"
	"runtime/metrics"
	"time"
)

type runtimeMetricsWriter struct {
	samples []metrics.Sample
	out     *json.Encoder
}

func newRuntimeMetricsWriter(w io.Writer) *runtimeMetricsWriter {
	var samples []metrics.Sample
	for _, d := range metrics.All() {
		if d.Kind == metrics.KindUint64 || d.Kind == metrics.KindFloat64 {
			samples = append(samples, metrics.Sample{Name: d.Name})
		}
	}
	metrics.Read(samples) // the first Read initialises the package's state (and allocates): do it before any reading that counts
	return &runtimeMetricsWriter{samples: samples, out: json.NewEncoder(w)}
}

// read takes the samples now; write encodes what read took (so a caller can read MemStats just before without
// allocating in between).
func (r *runtimeMetricsWriter) read() time.Time {
	metrics.Read(r.samples)
	return time.Now()
}

func (r *runtimeMetricsWriter) write(at time.Time) error {
	values := make(map[string]interface{}, len(r.samples))
	for _, s := range r.samples {
		switch s.Value.Kind() {
		case metrics.KindUint64:
			values[s.Name] = s.Value.Uint64()
		case metrics.KindFloat64:
			if f := s.Value.Float64(); !math.IsNaN(f) && !math.IsInf(f, 0) {
				values[s.Name] = f
			}
		}
	}
	return r.out.Encode(map[string]interface{}{"unix_nano": at.UnixNano(), "metrics": values})
}
