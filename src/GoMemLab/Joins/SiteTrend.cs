using GoMemLab.Profiles;
using Microsoft.Data.Analysis;

namespace GoMemLab.Joins;

/// <summary>
/// How chosen allocation sites' inuse_space moves across a series of heap profiles of one program (oldest first):
/// the numbers behind "who holds more and more". Long format, one row per profile and site, plus a <c>(total)</c>
/// row per profile with pprof's total. Time is seconds since the first profile's own timestamp (<c>time_nanos</c>),
/// or the profile's position when a profile has no timestamp.
/// </summary>
public static class SiteTrend
{
    public const string TotalSite = "(total)";

    /// <summary>Columns: profile (file name), at_s, site, inuse_space. <paramref name="sites"/> are <see cref="HeapAllocationSite.Site"/> strings.</summary>
    public static DataFrame Table(IReadOnlyList<Profile> series, IReadOnlyCollection<string> sites)
    {
        var names = new List<string>();
        var at = new List<double>();
        var site = new List<string>();
        var inuse = new List<long>();
        var timed = series.All(p => p.Time is not null);
        var start = timed && series.Count > 0 ? series[0].Time!.Value : default;
        for (var i = 0; i < series.Count; i++)
        {
            var found = HeapAllocationSites.Find(series[i]);
            var seconds = timed ? (series[i].Time!.Value - start).TotalSeconds : i;
            void Add(string s, long v) { names.Add(Path.GetFileName(series[i].Source)); at.Add(seconds); site.Add(s); inuse.Add(v); }
            Add(TotalSite, found.TotalInuseSpace);
            var bySite = found.Sites.GroupBy(s => s.Site).ToDictionary(g => g.Key, g => g.Sum(s => s.InuseSpace));
            foreach (var s in sites) Add(s, bySite.GetValueOrDefault(s));
        }
        return new DataFrame(
            new StringDataFrameColumn("profile", names),
            new DoubleDataFrameColumn("at_s", at),
            new StringDataFrameColumn("site", site),
            new Int64DataFrameColumn("inuse_space", inuse));
    }
}
