using System.Diagnostics;
using System.Globalization;

namespace GoMemLab.Cli.Terminal;

/// <summary>How progress is shown: a bar redrawn in place, plain lines, or not at all.</summary>
public enum ProgressStyle { Silent, Lines, Bar }

/// <summary>
/// Progress of a long step on stderr, in the form the reader can take: on an interactive terminal one line
/// redrawn in place (<c>label: stage [#####.....]  52%  detail</c>) and erased when done; in a pipe or a CI log
/// plain lines, one per stage and 10% step. Short jobs stay silent (the bar waits 0.3 s, the lines 1 s) unless
/// progress was asked for. Stdout is never touched, so tables and CSV stay clean.
/// </summary>
public sealed class ProgressDisplay
{
    private static readonly TimeSpan BarDelay = TimeSpan.FromMilliseconds(300), LinesDelay = TimeSpan.FromSeconds(1),
        Redraw = TimeSpan.FromMilliseconds(50);
    private readonly string _label;
    private readonly TextWriter _writer;
    private readonly TimeSpan _quietFor;
    private readonly int _width;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Lock _gate = new();
    private string _lastKey = "";
    private TimeSpan _lastDraw = TimeSpan.MinValue;
    private bool _barVisible;
    private bool _completed;
    private Timer? _ticker;

    public ProgressDisplay(string label, ProgressStyle style, TextWriter writer, TimeSpan quietFor, int width = 80)
    {
        _label = label;
        Style = style;
        _writer = writer;
        _quietFor = quietFor;
        _width = Math.Max(40, width);
    }

    public ProgressStyle Style { get; }

    /// <summary>
    /// Progress on this process's stderr: a bar when stderr is an interactive terminal (not TERM=dumb, not CI),
    /// plain lines otherwise; none at all with <c>GOMEMLAB_PROGRESS=off</c> (for output that must not depend on how
    /// fast the machine is, such as the reference pages). <paramref name="always"/> (`--progress`) shows it from the
    /// start, short jobs included.
    /// </summary>
    public static ProgressDisplay OnStderr(string label, bool always = false)
    {
        var style = System.Environment.GetEnvironmentVariable("GOMEMLAB_PROGRESS") == "off" ? ProgressStyle.Silent
            : IsInteractiveTerminal() ? ProgressStyle.Bar : ProgressStyle.Lines;
        var quiet = always ? TimeSpan.Zero : style == ProgressStyle.Bar ? BarDelay : LinesDelay;
        return new ProgressDisplay(label, style, Console.Error, quiet, style == ProgressStyle.Bar ? TerminalWidth() : 80);
    }

    /// <summary>True when stderr is a terminal a person watches: not redirected, not TERM=dumb, not a CI run.</summary>
    public static bool IsInteractiveTerminal() =>
        !Console.IsErrorRedirected
        && System.Environment.GetEnvironmentVariable("TERM") != "dumb"
        && string.IsNullOrEmpty(System.Environment.GetEnvironmentVariable("CI"));

    /// <summary>Reports how far a stage is; <paramref name="fraction"/> is null while the total is unknown.</summary>
    public void Report(string stage, double? fraction, string detail = "")
    {
        lock (_gate)
        {
            if (_completed || Style == ProgressStyle.Silent || _clock.Elapsed < _quietFor) return;
            if (Style == ProgressStyle.Lines) WriteLineStep(stage, fraction, detail);
            else DrawBar(stage, fraction, detail);
        }
    }

    /// <summary>A line that stays (a finished cell, a note): written above the bar, which is redrawn by the next report.</summary>
    public void Message(string line)
    {
        lock (_gate)
        {
            EraseBar();
            _writer.WriteLine(line);
        }
    }

    /// <summary>
    /// On a terminal, calls <paramref name="redraw"/> (which reports) every 250 ms until <see cref="Complete"/>, so the
    /// bar moves between events: the running cell's time, a capture's clock. Lines come from events only, so in
    /// the other styles this does nothing.
    /// </summary>
    public void KeepRedrawing(Action redraw)
    {
        if (Style == ProgressStyle.Bar) _ticker = new Timer(_ => redraw(), null, 0, 250);
    }

    /// <summary>The job is over: the bar is erased so that what follows starts on a clean line, and later reports (a last tick) are
    /// ignored.</summary>
    public void Complete()
    {
        lock (_gate)
        {
            _completed = true;
            EraseBar();
        }
        _ticker?.Dispose();
    }

    private void WriteLineStep(string stage, double? fraction, string detail)
    {
        var step = fraction is { } f ? (int)(Math.Clamp(f, 0, 1) * 10) * 10 : -1;
        var key = stage + "/" + step;
        if (key == _lastKey) return;
        _lastKey = key;
        _writer.WriteLine($"{_label}: {stage}{(step >= 0 ? $" {step,3}%" : "…")}{(detail.Length > 0 ? "  " + detail : "")}");
    }

    private void DrawBar(string stage, double? fraction, string detail)
    {
        var percent = fraction is { } f ? (int)(Math.Clamp(f, 0, 1) * 100) : -1;
        var key = stage + "/" + percent;
        var now = _clock.Elapsed;
        // Redraw on a new stage at once, otherwise at most every 50 ms and only when the text changes.
        var sameStage = _lastKey.StartsWith(stage + "/", StringComparison.Ordinal);
        if (key == _lastKey && detail.Length == 0 || sameStage && now - _lastDraw < Redraw) return;
        _lastKey = key;
        _lastDraw = now;
        string gauge;
        if (percent >= 0)
        {
            const int cells = 24;
            var filled = percent * cells / 100;
            gauge = $"[{new string('#', filled)}{new string('.', cells - filled)}] {percent,3}%";
        }
        else gauge = $"{now.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)}s";
        var text = $"{_label}: {stage} {gauge}{(detail.Length > 0 ? "  " + detail : "")}";
        // One column short of the width: writing the last column makes some terminals wrap.
        text = text.Length >= _width ? text[..(_width - 1)] : text.PadRight(_width - 1);
        _writer.Write('\r');
        _writer.Write(text);
        _writer.Flush();
        _barVisible = true;
    }

    private void EraseBar()
    {
        if (!_barVisible) return;
        _writer.Write('\r');
        _writer.Write(new string(' ', _width - 1));
        _writer.Write('\r');
        _writer.Flush();
        _barVisible = false;
        _lastKey = "";
    }

    private static int TerminalWidth()
    {
        try
        {
            return Console.WindowWidth > 0 ? Console.WindowWidth : 80;
        }
        catch (IOException)
        {
            return 80;
        }
    }
}
