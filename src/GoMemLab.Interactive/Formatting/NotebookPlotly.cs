using GoMemLab.Charts;

namespace GoMemLab.Interactive.Formatting;

/// <summary>
/// Notebook outputs share one page per session, so plotly.js is inlined into the first chart output
/// of the kernel session only; later charts wait for window.Plotly. Nothing is fetched from a CDN.
/// `gomemlab run` keeps exactly one copy when it exports a notebook to HTML.
/// </summary>
public static class NotebookPlotly
{
    private static int _emitted;

    /// <summary>The plotly.js script element the first time it is asked for in this process, "" afterwards.</summary>
    public static string ScriptOnce() => Interlocked.Exchange(ref _emitted, 1) == 0 ? PlotlyJs.ScriptElement : "";

    /// <summary>For hosts that start a fresh page (a new notebook run in the same process).</summary>
    public static void Reset() => Interlocked.Exchange(ref _emitted, 0);
}
