using GoMemLab.Fleet;
using GoMemLab.Profiles.Analyses;
using GoMemLab.Tests.Profiles;
using GoMemLab.Tests.Support;

namespace GoMemLab.Tests.Fleet;

/// <summary>
/// `fleet top` equals the real `go tool pprof -top` given the same files (data/gen/65-fleet.sh made the goldens by
/// merging every profile of a selection): every row, flat, cum and inline mark, for each sample type and granularity,
/// over the whole fleet and over selections by label predicate.
/// </summary>
public class FleetTopGoldenTests(CommittedFleet fleet) : IClassFixture<CommittedFleet>
{
    private static readonly string CasesPath = RepoPaths.Data("golden", "fleet", "cases.tsv");

    public static TheoryData<string> Goldens()
    {
        var data = new TheoryData<string>();
        foreach (var c in PprofTopGolden.Cases(CasesPath)) data.Add(c["golden"]);
        return data;
    }

    [Fact]
    public void Goldens_cover_every_sample_type_and_granularity_with_and_without_a_label_filter()
    {
        var cases = PprofTopGolden.Cases(CasesPath);
        foreach (var index in new[] { "alloc_objects", "alloc_space", "inuse_objects", "inuse_space" })
            foreach (var granularity in new[] { "functions", "lines", "files" })
            {
                Assert.Contains(cases, c => c["where"].Length == 0 && c["sample_index"] == index && c["granularity"] == granularity);
                Assert.Contains(cases, c => c["where"].Length > 0 && c["sample_index"] == index && c["granularity"] == granularity);
            }
        // Merges of many real profiles, not of one.
        Assert.All(cases, c => Assert.True(int.Parse(c["profiles"]) >= 5, c["golden"]));
    }

    [Theory]
    [MemberData(nameof(Goldens))]
    public void Fleet_top_matches_go_tool_pprof_over_the_same_files(string golden)
    {
        var c = PprofTopGolden.Cases(CasesPath).Single(x => x["golden"] == golden);
        var where = c["where"].Length == 0 ? null : c["where"];
        using var db = FleetDatabase.Open(fleet.DatabasePath);

        // The predicate selects exactly the files pprof was given.
        var selected = db.Profiles(where).Columns["path"].Cast<string>().ToList();
        Assert.Equal(CommittedFleet.StoredPaths(c["folder"]), selected);
        Assert.Equal(int.Parse(c["profiles"]), selected.Count);

        var report = db.Top(new TopOptions
        {
            SampleIndex = c["sample_index"], Granularity = Enum.Parse<Granularity>(c["granularity"],
            ignoreCase: true)
        }, where);
        var expected = PprofTopGolden.Parse(RepoPaths.Data("golden", "fleet", golden));
        Assert.NotEmpty(expected);
        var actual = report.Rows.Select(r => new PprofTopLine(r.Name, r.Flat, r.Cum, r.Inline, r.PartialInline)).ToList();
        for (var i = 0; i < Math.Min(expected.Count, actual.Count); i++)
            Assert.True(expected[i] == actual[i], $"{golden} row {i + 1}: pprof {expected[i]}, fleet {actual[i]}");
        Assert.Equal(expected.Count, actual.Count);
        Assert.Equal(PprofTopGolden.Total(RepoPaths.Data("golden", "fleet", golden)), report.Total);
    }

}
