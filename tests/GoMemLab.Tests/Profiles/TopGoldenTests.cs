using System.Globalization;
using GoMemLab.Profiles;
using GoMemLab.Profiles.Analyses;
using GoMemLab.Tests.Support;

namespace GoMemLab.Tests.Profiles;

/// <summary>
/// Every golden made by data/gen/50-pprof-goldens.sh (real `go tool pprof -top` output) against GoMemLab's
/// Top on the same artifact with the same options: same rows in the same order, same flat, flat%, sum%, cum, cum% and
/// inline marks (percentages in pprof's rounding), the header's accounted-for sum, its percentage and "of N total", the
/// nodes -nodefraction dropped ("Dropped N nodes"), and which filters matched nothing (pprof's stderr warnings).
/// </summary>
public class TopGoldenTests
{
    private static readonly string CasesPath = RepoPaths.Data("golden", "pprof", "cases.tsv");

    public static TheoryData<string> Goldens()
    {
        var data = new TheoryData<string>();
        foreach (var c in PprofTopGolden.Cases(CasesPath)) data.Add(c["golden"]);
        return data;
    }

    [Fact]
    public void The_goldens_cover_every_sample_type_granularity_and_variant()
    {
        var cases = PprofTopGolden.Cases(CasesPath);
        Assert.Contains(cases, c => c["focus"].Length > 0);
        Assert.Contains(cases, c => c["ignore"].Length > 0);
        Assert.Contains(cases, c => c["hide"].Length > 0);
        Assert.Contains(cases, c => c["diff_base"].Length > 0);
        Assert.Contains(cases, c => c["nodecount"] != "0");
        Assert.Contains(cases, c => c["strip_symbols"] == "yes");
        Assert.Contains(cases, c => c["profile"].Contains('+'));
        Assert.Contains(cases, c => c["profile"].Contains("cpu"));
        Assert.Contains(cases, c => c["profile"].Contains("goroutine"));
        Assert.Contains(cases, c => c["sort"] == "cum");
        Assert.Contains(cases, c => c["nodefraction"] != "0" && c["diff_base"].Length > 0);
        Assert.Contains(cases, c => c["granularity"] == "addresses" && c["strip_symbols"] == "no");
        foreach (var filter in new[] { "focus", "ignore", "hide" })
            Assert.Contains(cases, c => c["no_match"].Split(',').Contains(filter));
        // The synthetic profile (C++ frames, drop_frames/keep_frames, unsymbolized frames) at every granularity.
        foreach (var granularity in new[] { "functions", "lines", "files", "addresses" })
            Assert.Contains(cases, c => c["profile"].EndsWith("synthetic/cxx-heap.pb.gz") && c["granularity"] == granularity);
        foreach (var index in new[] { "alloc_objects", "alloc_space", "inuse_objects", "inuse_space" })
            foreach (var granularity in new[] { "functions", "lines", "files" })
                Assert.Contains(cases, c => c["profile"].StartsWith("leaky-heap-") && c["sample_index"] == index
                    && c["granularity"] == granularity);
    }

    [Theory]
    [MemberData(nameof(Goldens))]
    public void Top_matches_go_tool_pprof(string golden)
    {
        var c = PprofTopGolden.Cases(CasesPath).Single(x => x["golden"] == golden);
        var sources = c["profile"].Split('+').Select(f => Profile.Load(RepoPaths.Artifact("heap", f))).ToList();
        var profile = sources.Count == 1 ? sources[0] : ProfileMerge.Merge(sources);
        // go tool pprof -diff_base=BEFORE AFTER
        if (c["diff_base"].Length > 0) profile = ProfileDiff.Compare(Profile.Load(RepoPaths.Artifact("heap", c["diff_base"])), profile);
        if (c["strip_symbols"] == "yes") profile = ProfileSymbols.Strip(profile);
        var report = Top.Compute(profile, new TopOptions
        {
            SampleIndex = c["sample_index"],
            Granularity = Enum.Parse<Granularity>(c["granularity"], ignoreCase: true),
            Filter = new ProfileFilter
            {
                Focus = NullIfEmpty(c["focus"]),
                Ignore = NullIfEmpty(c["ignore"]),
                Hide = NullIfEmpty(c["hide"]),
            },
            NodeCount = int.Parse(c["nodecount"]),
            NodeFraction = double.Parse(c["nodefraction"], CultureInfo.InvariantCulture),
            SortByCum = c["sort"] == "cum",
        });

        var expected = PprofTopGolden.Parse(RepoPaths.Data("golden", "pprof", golden));
        // Only a focus that matched nothing leaves pprof's table empty.
        Assert.True(expected.Count > 0 || c["no_match"].Contains("focus"), $"{golden}: pprof printed no rows");
        var actual = report.Rows.Select(r => new PprofTopLine(r.Name, r.Flat, r.Cum, r.Inline, r.PartialInline)).ToList();
        for (var i = 0; i < Math.Min(expected.Count, actual.Count); i++)
            Assert.True(expected[i] == actual[i], $"{golden} row {i + 1}: pprof {expected[i]}, GoMemLab {actual[i]}");
        Assert.Equal(expected.Count, actual.Count);

        // Every column pprof prints: flat%, sum% and cum% in pprof's own rounding, and the header's "of N total".
        var percents = PprofTopGolden.Percents(RepoPaths.Data("golden", "pprof", golden));
        var ours = report.Rows.Select(r => new PprofTopPercents(
            PprofTopGolden.Percentage(r.FlatPercent), PprofTopGolden.Percentage(r.SumPercent),
            PprofTopGolden.Percentage(r.CumPercent))).ToList();
        for (var i = 0; i < percents.Count; i++)
            Assert.True(percents[i] == ours[i], $"{golden} row {i + 1}: pprof {percents[i]}, GoMemLab {ours[i]}");
        var showing = PprofTopGolden.Showing(RepoPaths.Data("golden", "pprof", golden));
        Assert.Equal(showing.Total, report.Total);
        Assert.Equal(showing.AccountedFor, report.Rows.Sum(r => r.Flat));
        Assert.Equal(showing.Percent, PprofTopGolden.Percentage(report.Rows.Count == 0 ? 0 : report.Rows[^1].SumPercent));
        Assert.Equal(PprofTopGolden.Dropped(RepoPaths.Data("golden", "pprof", golden)), report.DroppedNodes);

        // pprof's "Focus expression matched no samples" (and Ignore, Hide) on stderr; no filter given = matched.
        var noMatch = c["no_match"].Split(',');
        Assert.Equal(!noMatch.Contains("focus"), report.FocusMatched);
        Assert.Equal(!noMatch.Contains("ignore"), report.IgnoreMatched);
        Assert.Equal(!noMatch.Contains("hide"), report.HideMatched);
    }

    private static string? NullIfEmpty(string s) => s.Length == 0 ? null : s;
}
