using System.Text.RegularExpressions;
using GoMemLab.Profiles;
using GoMemLab.Profiles.Analyses;

namespace GoMemLab.Joins;

/// <summary>
/// One allocation site of a heap profile: the innermost frame of a sample's stack that is not in the
/// standard library or runtime, at line granularity, with its flat alloc_space and inuse_space.
/// </summary>
/// <param name="Function">As the profile names it, e.g. <c>example.com/leaky/internal/cache.(*Cache).Put</c>.</param>
/// <param name="File">As the profile names it (not cleaned).</param>
/// <param name="AllocatedBy">
/// The standard-library functions the site called into that did the allocating (<c>runtime.growslice</c>,
/// <c>runtime.mapassign_fast64</c>, <c>strings.Clone</c>), most bytes first; empty when the site itself allocates.
/// </param>
/// <param name="InlinedInto">
/// When the site's code was inlined, the outermost frames it was inlined into (function, file, line): the
/// compiler reports escape decisions of inlined code at that outermost position. Empty when never inlined.
/// </param>
/// <param name="AlsoStandalone">True when some samples reach the site in its own (not inlined) copy.</param>
public sealed record HeapAllocationSite(
    string Function, string File, long Line, long AllocSpace, long InuseSpace,
    IReadOnlyList<string> AllocatedBy, IReadOnlyList<(string Function, string File, long Line)> InlinedInto, bool AlsoStandalone)
{
    /// <summary><c>file:line</c> as the profile writes it.</summary>
    public string Site => $"{File}:{Line}";
}

/// <summary>
/// The allocation sites of a Go heap profile. Values are exactly those of
/// <c>go tool pprof -top -lines -nodefraction=0 -hide='^(STDLIB PACKAGES)\.' -sample_index=alloc_space</c> (and
/// inuse_space): <see cref="Top"/> does the aggregation, with every standard-library function hidden so each
/// sample's value lands on its innermost frame outside the standard library (the line that called
/// <c>append</c>, <c>make</c>, <c>strings.Clone</c>…). The hidden package list is built from the profile itself
/// (<see cref="StandardLibraryHidePattern"/>). Samples with no frame outside the standard library (goroutine
/// stacks, net/http's own buffers) have no site: see <see cref="HeapAllocationSites.UnattributedAllocSpace"/>.
/// </summary>
public sealed class HeapAllocationSites
{
    private HeapAllocationSites(IReadOnlyList<HeapAllocationSite> sites, long totalAlloc, long totalInuse, long unattributedAlloc,
        long unattributedInuse, string hidePattern)
    {
        Sites = sites;
        TotalAllocSpace = totalAlloc;
        TotalInuseSpace = totalInuse;
        UnattributedAllocSpace = unattributedAlloc;
        UnattributedInuseSpace = unattributedInuse;
        HidePattern = hidePattern;
    }

    /// <summary>Sites by descending inuse_space, then alloc_space, then pprof's name order.</summary>
    public IReadOnlyList<HeapAllocationSite> Sites { get; }

    /// <summary>pprof's totals (Σ|value| over all samples).</summary>
    public long TotalAllocSpace { get; }
    public long TotalInuseSpace { get; }

    /// <summary>Bytes of samples whose every frame is in the standard library or runtime.</summary>
    public long UnattributedAllocSpace { get; }
    public long UnattributedInuseSpace { get; }

    /// <summary>The <c>-hide</c> regex used; pass it to <c>go tool pprof</c> to reproduce the numbers.</summary>
    public string HidePattern { get; }

    /// <summary>
    /// Finds the sites of a heap profile (one with alloc_space and inuse_space sample types).
    /// Throws <see cref="ArgumentException"/> when the profile is not a heap profile.
    /// </summary>
    public static HeapAllocationSites Find(Profile profile)
    {
        var hide = StandardLibraryHidePattern(profile);
        var alloc = Top.Compute(profile, new TopOptions
        {
            SampleIndex = "alloc_space",
            Granularity = Granularity.Lines,
            Filter = new ProfileFilter { Hide = hide },
        });
        var inuse = Top.Compute(profile, new TopOptions
        {
            SampleIndex = "inuse_space",
            Granularity = Granularity.Lines,
            Filter = new ProfileFilter { Hide = hide },
        });
        var values = new Dictionary<NodeIdentity, (long Alloc, long Inuse)>();
        foreach (var row in alloc.Rows) if (row.Flat != 0) values[row.Identity] = (row.Flat, 0);
        foreach (var row in inuse.Rows)
            if (row.Flat != 0) values[row.Identity] = (values.TryGetValue(row.Identity, out var v) ? v.Alloc : 0, row.Flat);
        var context = SiteContext.Collect(profile);
        var sites = values
            .Select(kv =>
            {
                var key = (kv.Key.Name, SourcePathKey.BaseName(SourcePathKey.Clean(kv.Key.File)), kv.Key.Line);
                var found = context.TryGetValue(key, out var c);
                return new HeapAllocationSite(kv.Key.Name, kv.Key.File, kv.Key.Line, kv.Value.Alloc, kv.Value.Inuse,
                    found ? c!.AllocatedByOrdered() : [], found ? c!.InlinedInto.ToList() : [], !found || c!.Standalone);
            })
            .OrderByDescending(s => s.InuseSpace).ThenByDescending(s => s.AllocSpace)
            .ThenBy(s => s.Function, StringComparer.Ordinal).ThenBy(s => s.Line)
            .ToList();
        return new HeapAllocationSites(sites, alloc.Total, inuse.Total,
            alloc.Total - alloc.Rows.Sum(r => Math.Abs(r.Flat)), inuse.Total - inuse.Rows.Sum(r => Math.Abs(r.Flat)), hide);
    }

    /// <summary>
    /// <c>^(p1|p2|…)\.</c> over the standard-library packages whose functions appear in the profile
    /// (<see cref="SourcePathKey.IsStandardLibrary"/>), longest first; valid for both .NET and RE2 (pprof).
    /// A pattern that matches nothing when the profile has no such function.
    /// </summary>
    public static string StandardLibraryHidePattern(Profile profile)
    {
        var packages = new SortedSet<string>(StringComparer.Ordinal);
        for (var f = 0; f < profile.Functions.Count; f++)
        {
            var name = profile.Functions.Name(f);
            if (SourcePathKey.IsStandardLibrary(name)) packages.Add(SourcePathKey.PackageOfFunction(name));
        }
        if (packages.Count == 0) return "^$";
        return "^(" + string.Join("|", packages.OrderByDescending(p => p.Length).ThenBy(p => p,
            StringComparer.Ordinal).Select(Regex.Escape)) + ")\\.";
    }

    /// <summary>What the stacks say about each site beyond its values: who allocated for it, where it was inlined.</summary>
    private sealed class SiteContext
    {
        public readonly Dictionary<string, long> AllocatedBy = new(StringComparer.Ordinal);
        public readonly HashSet<(string Function, string File, long Line)> InlinedInto = [];
        public bool Standalone;

        public List<string> AllocatedByOrdered() =>
            AllocatedBy.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Key).ToList();

        public static Dictionary<(string, string, long), SiteContext> Collect(Profile profile)
        {
            var functions = profile.Functions;
            var locations = profile.Locations;
            var samples = profile.Samples;
            var allocIndex = profile.SampleIndexByName("alloc_space");
            var result = new Dictionary<(string, string, long), SiteContext>();
            var isStandard = new bool[functions.Count];
            for (var f = 0; f < functions.Count; f++) isStandard[f] = SourcePathKey.IsStandardLibrary(functions.Name(f));
            bool Standard(LocationLine line) => line.FunctionIndex >= 0 && isStandard[line.FunctionIndex];

            for (var s = 0; s < samples.Count; s++)
            {
                string? callee = null;
                foreach (var location in samples.Locations(s))
                {
                    var lines = locations.LineCount(location);
                    var k = 0;
                    for (; k < lines; k++)
                    {
                        var line = locations.Line(location, k);
                        if (!Standard(line)) break;
                        callee = functions.Name(line.FunctionIndex);
                    }
                    if (k == lines) continue;
                    var site = locations.Line(location, k);
                    if (site.FunctionIndex < 0) break;
                    var key = (functions.Name(site.FunctionIndex),
                        SourcePathKey.BaseName(SourcePathKey.Clean(functions.FileName(site.FunctionIndex))), site.Line);
                    if (!result.TryGetValue(key, out var context)) result[key] = context = new SiteContext();
                    if (callee is not null)
                        context.AllocatedBy[callee] = context.AllocatedBy.GetValueOrDefault(callee) + samples.Value(s, allocIndex);
                    if (k == lines - 1) context.Standalone = true;
                    else
                    {
                        var outer = locations.Line(location, lines - 1);
                        if (outer.FunctionIndex >= 0)
                            context.InlinedInto.Add((functions.Name(outer.FunctionIndex), functions.FileName(outer.FunctionIndex),
                                outer.Line));
                    }
                    break;
                }
            }
            return result;
        }
    }
}
