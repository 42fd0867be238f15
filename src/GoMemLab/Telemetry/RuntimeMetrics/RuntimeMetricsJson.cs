using System.Text.Json;

namespace GoMemLab.Telemetry.RuntimeMetrics;

/// <summary>
/// One line of runtime/metrics samples as JSON, the shape the snippet in docs/formats/runtime-metrics.md writes:
/// <c>{"unix_nano":…,"metrics":{"/gc/heap/goal:bytes":4194304,"/sched/goroutines:goroutines":12,…}}</c>
/// (scalar metrics only; histograms are left out). The names map onto the MemStats columns the way Go documents
/// them in runtime/metrics (description.go, Go 1.19; 1.21 for the newer names) and client_golang derives its
/// <c>go_memstats_*</c> from them (go_collector_latest.go, <c>memStatsFromRM</c>):
/// heap_alloc = alloc = /memory/classes/heap/objects:bytes; heap_inuse = that + /memory/classes/heap/unused:bytes;
/// heap_released = /memory/classes/heap/released:bytes; heap_idle = that + /memory/classes/heap/free:bytes;
/// heap_sys = heap_inuse + heap_idle; heap_objects = /gc/heap/objects:objects; total_alloc = /gc/heap/allocs:bytes;
/// mallocs and frees = /gc/heap/allocs:objects and /gc/heap/frees:objects, each + /gc/heap/tiny/allocs:objects;
/// sys = /memory/classes/total:bytes; stack_inuse = /memory/classes/heap/stacks:bytes, stack_sys adds
/// /memory/classes/os-stacks:bytes; mspan and mcache inuse and sys from /memory/classes/metadata/…; buck_hash_sys =
/// /memory/classes/profiling/buckets:bytes; gc_sys = /memory/classes/metadata/other:bytes; other_sys =
/// /memory/classes/other:bytes; next_gc = /gc/heap/goal:bytes; num_gc and num_forced_gc = /gc/cycles/total and
/// /gc/cycles/forced; goroutines = /sched/goroutines:goroutines; heap_live = /gc/heap/live:bytes (Go 1.21+);
/// gogc = /gc/gogc:percent and gomemlimit = /gc/gomemlimit:bytes (Go 1.21+). A column whose parts are not all
/// in the line stays empty. last_gc, pause_total_ns and the pause ring have no scalar runtime/metrics and stay empty.
/// </summary>
public static class RuntimeMetricsJson
{
    /// <summary>True when <paramref name="json"/> is such a line (an object whose "metrics" member is an object).</summary>
    public static bool IsRuntimeMetrics(JsonElement json) =>
        json.ValueKind == JsonValueKind.Object && json.TryGetProperty("metrics", out var m) && m.ValueKind == JsonValueKind.Object;

    /// <summary>Reads one line; false with a reason when a value is not a number.</summary>
    public static bool TryRead(JsonElement json, long lineNumber, out MemStatsSnapshot? snapshot, out string reason)
    {
        snapshot = null;
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        var exact = new Dictionary<string, ulong>(StringComparer.Ordinal); // KindUint64 values, which a double would round past 2^53
        foreach (var property in json.GetProperty("metrics").EnumerateObject())
        {
            if (property.Value.ValueKind == JsonValueKind.Number
                && property.Value.TryGetUInt64(out var whole)) exact[property.Name] = whole;
            if (property.Value.ValueKind != JsonValueKind.Number || !property.Value.TryGetDouble(out var v) || !(v >= 0
                || property.Name == "/gc/gogc:percent"))
            {
                reason = $"bad value for {property.Name}";
                return false;
            }
            values[property.Name] = v;
        }
        if (!values.ContainsKey("/memory/classes/heap/objects:bytes") && !values.ContainsKey("/gc/heap/live:bytes")
            && !values.ContainsKey("/gc/heap/goal:bytes"))
        {
            reason = "runtime/metrics without the heap (/memory/classes/heap/objects:bytes, /gc/heap/live:bytes or /gc/heap/goal:bytes)";
            return false;
        }
        var b = new MemStatsSnapshotBuilder("") { LineNumber = lineNumber };
        try
        {
            b.Timestamp = MemStatsJson.ReadTimestamp(json);
        }
        catch (FormatException e)
        {
            reason = e.Message;
            return false;
        }
        ulong? U(string name) => exact.TryGetValue(name, out var v) ? v : null;
        ulong? Sum(params string[] names)
        {
            ulong total = 0;
            foreach (var name in names) { if (U(name) is not { } v) return null; total += v; }
            return total;
        }
        void Set(MemStatsCounter counter, ulong? value) { if (value is { } v) b.Set(counter, v); }
        const string Objects = "/memory/classes/heap/objects:bytes", Unused = "/memory/classes/heap/unused:bytes";
        const string Released = "/memory/classes/heap/released:bytes", Free = "/memory/classes/heap/free:bytes";
        const string Tiny = "/gc/heap/tiny/allocs:objects";
        Set(MemStatsCounter.Alloc, U(Objects));
        Set(MemStatsCounter.HeapAlloc, U(Objects));
        Set(MemStatsCounter.HeapInuse, Sum(Objects, Unused));
        Set(MemStatsCounter.HeapReleased, U(Released));
        Set(MemStatsCounter.HeapIdle, Sum(Released, Free));
        Set(MemStatsCounter.HeapSys, Sum(Objects, Unused, Released, Free));
        Set(MemStatsCounter.HeapObjects, U("/gc/heap/objects:objects"));
        Set(MemStatsCounter.TotalAlloc, U("/gc/heap/allocs:bytes"));
        Set(MemStatsCounter.Mallocs, Sum("/gc/heap/allocs:objects", Tiny));
        Set(MemStatsCounter.Frees, Sum("/gc/heap/frees:objects", Tiny));
        Set(MemStatsCounter.Sys, U("/memory/classes/total:bytes"));
        Set(MemStatsCounter.StackInuse, U("/memory/classes/heap/stacks:bytes"));
        Set(MemStatsCounter.StackSys, Sum("/memory/classes/heap/stacks:bytes", "/memory/classes/os-stacks:bytes"));
        Set(MemStatsCounter.MSpanInuse, U("/memory/classes/metadata/mspan/inuse:bytes"));
        Set(MemStatsCounter.MSpanSys, Sum("/memory/classes/metadata/mspan/inuse:bytes", "/memory/classes/metadata/mspan/free:bytes"));
        Set(MemStatsCounter.MCacheInuse, U("/memory/classes/metadata/mcache/inuse:bytes"));
        Set(MemStatsCounter.MCacheSys, Sum("/memory/classes/metadata/mcache/inuse:bytes", "/memory/classes/metadata/mcache/free:bytes"));
        Set(MemStatsCounter.BuckHashSys, U("/memory/classes/profiling/buckets:bytes"));
        Set(MemStatsCounter.GCSys, U("/memory/classes/metadata/other:bytes"));
        Set(MemStatsCounter.OtherSys, U("/memory/classes/other:bytes"));
        Set(MemStatsCounter.NextGC, U("/gc/heap/goal:bytes"));
        Set(MemStatsCounter.NumGC, U("/gc/cycles/total:gc-cycles"));
        Set(MemStatsCounter.NumForcedGC, U("/gc/cycles/forced:gc-cycles"));
        b.Goroutines = U("/sched/goroutines:goroutines") is { } g && g <= long.MaxValue ? (long)g : null;
        b.HeapLive = U("/gc/heap/live:bytes");
        b.MemoryLimit = U("/gc/gomemlimit:bytes");
        b.GcPercent = values.TryGetValue("/gc/gogc:percent", out var gogc) && gogc == Math.Floor(gogc) && Math.Abs(gogc) < 1e15
            ? (long)gogc : null;
        snapshot = b.Build();
        reason = "";
        return true;
    }
}
