using GoMemLab.Inputs;
using GoMemLab.Telemetry.Prometheus;

namespace GoMemLab.Tests.Telemetry;

/// <summary>
/// The exposition reader on the corners of the format that the real scrapes do not reach: escapes, quoted names,
/// timestamps in both formats, special values, and the errors (each with its line). Rules from the Prometheus
/// text format 0.0.4 and OpenMetrics 1.0 specifications, and prometheus/common expfmt (text_create.go).
/// </summary>
public class PrometheusTextTests
{
    private static IReadOnlyList<PrometheusSample> Parse(string text, out bool openMetrics) => PrometheusText.Parse(text, "t.prom",
        out openMetrics);

    [Fact]
    public void Labels_escapes_values_and_timestamps_read_as_the_format_defines_them()
    {
        var samples = Parse("""
            # HELP a_total A \\ help\nline
            # TYPE a_total counter
            a_total{path="C:\\dir",msg="say \"hi\"\nbye",} 3.85024e+06 1700000000123
              b	{ x = "1" }   NaN
            c +Inf
            d -Inf
            {"my.metric",le="0.5"} -1.5e-3
            # a comment that is not HELP or TYPE
            """, out var openMetrics);
        Assert.False(openMetrics);
        Assert.Equal(["a_total", "b", "c", "d", "my.metric"], samples.Select(s => s.Name));
        var a = samples[0];
        Assert.Equal([new("msg", "say \"hi\"\nbye"), new KeyValuePair<string, string>("path", "C:\\dir")], a.Labels);
        Assert.Equal(3850240d, a.Value);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1700000000123), a.Timestamp);
        Assert.Equal(3, a.LineNumber);
        Assert.Equal("msg=\"say \\\"hi\\\"\\nbye\",path=\"C:\\\\dir\"", a.SeriesKey());
        Assert.True(double.IsNaN(samples[1].Value));
        Assert.Equal("1", samples[1].Label("x"));
        Assert.Equal(double.PositiveInfinity, samples[2].Value);
        Assert.Equal(double.NegativeInfinity, samples[3].Value);
        Assert.Equal(-0.0015, samples[4].Value);
        Assert.Equal("", samples[4].SeriesKey("le"));
    }

    [Fact]
    public void OpenMetrics_ends_with_eof_and_has_timestamps_in_seconds_and_exemplars()
    {
        var samples = Parse("# TYPE x counter\nx_total 7 1700000000.5 # {trace_id=\"ab\"} 1 1700000000.1\nx_created 1.7e+09\n# EOF\n",
            out var openMetrics);
        Assert.True(openMetrics);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1700000000500), samples[0].Timestamp);
        Assert.Equal(["x_total", "x_created"], samples.Select(s => s.Name));
    }

    [Theory]
    [InlineData("a 1\nb{x=\"1\" 2\n", 2, "malformed sample: expected ',' at column 9, found '2'")]
    [InlineData("a{x=1} 2\n", 1, "malformed sample: label x: expected a quoted value")]
    [InlineData("a{x=\"\\t\"} 2\n", 1, "malformed sample: has an unknown escape \\t (only \\\\, \\\" and \\n are allowed)")]
    [InlineData("a{x=\"1\",x=\"2\"} 2\n", 1, "malformed sample: repeats the label x")]
    [InlineData("a 0x10\n", 1, "malformed sample: value \"0x10\" is not a number")]
    [InlineData("a 1 12.5\n", 1, "malformed sample: timestamp \"12.5\" is not milliseconds since the epoch")]
    [InlineData("a 1 2 3\n", 1, "malformed sample: unexpected \"3\" after the value")]
    [InlineData("a\n", 1, "malformed sample: expected a space before the value")]
    [InlineData("# TYPE a histogramm\na 1\n", 1,
        "# TYPE a: unknown type \"histogramm\" (expected counter, gauge, histogram, summary or untyped)")]
    [InlineData("a 1\n# EOF\nb 2\n", 3, "has a sample after \"# EOF\"")]
    [InlineData("a{x=\"open\n", 1, "malformed sample: has an unterminated quoted string")]
    public void Malformed_lines_name_the_line_and_what_is_wrong(string text, long line, string problem)
    {
        var e = Assert.Throws<InputFormatException>(() => PrometheusText.Parse(text, "t.prom", out _));
        Assert.Equal(line, e.Line);
        Assert.Equal($"t.prom:{line}: {problem}", e.Message);
    }

    [Fact]
    public void A_log_line_is_not_taken_for_a_scrape()
    {
        Assert.False(PrometheusText.LooksLikeScrape("gc 1 @0.045s 0%: 0.011+0.63+0.001 ms clock, …"));
        Assert.False(PrometheusText.LooksLikeScrape("wrote heap-1.pb.gz\n"));
        Assert.True(PrometheusText.LooksLikeScrape("\n# HELP go_goroutines x\n"));
        Assert.True(PrometheusText.LooksLikeScrape("go_goroutines 12\n"));
    }
}
