using System.Net;
using System.Text;
using GoMemLab.Charts;
using GoMemLab.Tables;
using Microsoft.Data.Analysis;
using Plotly.NET;

namespace GoMemLab.Reports;

/// <summary>
/// What a magic shows after loading something: a title, a few facts (name/value), an optional
/// verdict, optional tables and charts. Renders to self-contained HTML (charts expect window.Plotly,
/// which the page or notebook host provides) and to plain text for terminals.
/// </summary>
public sealed class SummaryCard
{
    private readonly List<(string Name, string Value)> _facts = [];
    private readonly List<(string Caption, DataFrame Table, int MaxRows)> _tables = [];
    private readonly List<GenericChart> _charts = [];

    public SummaryCard(string title) => Title = title;

    public string Title { get; }

    /// <summary>A one-line conclusion, e.g. "growing: live heap after GC +2.1 MB/min (R² 0.97)".</summary>
    public string? Verdict { get; set; }

    /// <summary>CSS class for the verdict: "growing", "steady"… (styles exist for growing and steady).</summary>
    public string? VerdictKind { get; set; }

    public IReadOnlyList<(string Name, string Value)> Facts => _facts;

    public IReadOnlyList<GenericChart> Charts => _charts;

    public SummaryCard AddFact(string name, object? value)
    {
        _facts.Add((name, TableWriter.Cell(value)));
        return this;
    }

    public SummaryCard AddTable(string caption, DataFrame table, int maxRows = 10)
    {
        _tables.Add((caption, table, maxRows));
        return this;
    }

    public SummaryCard AddChart(GenericChart chart)
    {
        _charts.Add(chart);
        return this;
    }

    public string ToHtml()
    {
        var html = new StringBuilder("<div class=\"card gomemlab-card\">\n");
        html.Append($"<h3 style=\"margin:.2em 0\">{Encode(Title)}</h3>\n");
        if (Verdict is not null)
            html.Append($"<p class=\"verdict-{Encode(VerdictKind ?? "none")}\"><strong>Verdict:</strong> {Encode(Verdict)}</p>\n");
        if (_facts.Count > 0)
        {
            html.Append("<table>\n");
            foreach (var (name, value) in _facts)
                html.Append($"<tr><th>{Encode(name)}</th><td>{Encode(value)}</td></tr>\n");
            html.Append("</table>\n");
        }
        foreach (var (caption, table, maxRows) in _tables)
            html.Append($"<h4>{Encode(caption)}</h4>\n").Append(HtmlTable.Render(table, maxRows));
        foreach (var chart in _charts)
            html.Append(ChartHtml.Fragment(chart));
        html.Append("</div>\n");
        return html.ToString();
    }

    public override string ToString()
    {
        var text = new StringBuilder(Title).Append('\n');
        if (Verdict is not null) text.Append("Verdict: ").Append(Verdict).Append('\n');
        var width = _facts.Count == 0 ? 0 : _facts.Max(f => f.Name.Length);
        foreach (var (name, value) in _facts) text.Append("  ").Append(name.PadRight(width)).Append("  ").Append(value).Append('\n');
        foreach (var (caption, table, maxRows) in _tables)
        {
            text.Append('\n').Append(caption).Append('\n');
            text.Append(TableWriter.ToString(table.Head((int)Math.Min(maxRows, table.Rows.Count)), TableFormat.Table));
        }
        return text.ToString();
    }

    private static string Encode(string s) => WebUtility.HtmlEncode(s);
}
