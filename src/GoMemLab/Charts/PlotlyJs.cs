using Plotly.NET;

namespace GoMemLab.Charts;

/// <summary>
/// The plotly.js bundle that ships inside the Plotly.NET assembly. GoMemLab inlines it instead of
/// pointing at a CDN, so every chart it writes renders offline (air-gapped incident rooms, CI artifacts).
/// </summary>
public static class PlotlyJs
{
    private static readonly Lazy<(string Name, string Source)> Bundle = new(Load);

    /// <summary>The plotly.js version bundled by the pinned Plotly.NET (e.g. "2.28.0").</summary>
    public static string Version => Bundle.Value.Name.Replace("Plotly.NET.plotly-", "").Replace(".min.js", "");

    /// <summary>The minified plotly.js source.</summary>
    public static string Source => Bundle.Value.Source;

    /// <summary>A script element defining window.Plotly, marked so that page writers can keep exactly one per page.</summary>
    public static string ScriptElement => $"<script {MarkerAttribute}>{Source}</script>";

    /// <summary>The attribute that identifies GoMemLab's inlined plotly.js script element.</summary>
    public const string MarkerAttribute = "data-gomemlab-plotlyjs";

    private static (string, string) Load()
    {
        var assembly = typeof(GenericChart).Assembly;
        var name = assembly.GetManifestResourceNames().Single(n => n.StartsWith("Plotly.NET.plotly-") && n.EndsWith(".min.js"));
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return (name, reader.ReadToEnd());
    }
}
