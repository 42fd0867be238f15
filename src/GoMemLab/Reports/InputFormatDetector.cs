using System.Text;
using System.Text.RegularExpressions;
using GoMemLab.Inputs;

namespace GoMemLab.Reports;

/// <summary>The kinds of file a Go program or its toolchain writes that a report can be built from, told apart by their content.</summary>
public enum DetectedFormat
{
    /// <summary>Not recognised (or unreadable): the commands fall back to the role the file was given in.</summary>
    Unknown,
    /// <summary>A pprof profile in protobuf (gzipped or not): runtime/pprof's WriteTo(f, 0) or net/http/pprof's
    /// /debug/pprof/heap.</summary>
    PprofProtobuf,
    /// <summary>The text heap profile with its MemStats trailer: WriteTo(f, 1) or /debug/pprof/heap?debug=1.</summary>
    HeapProfileText,
    /// <summary>Compiler diagnostics of <c>-gcflags=-m</c>.</summary>
    EscapeM1,
    /// <summary>Compiler diagnostics of <c>-gcflags=-m=2</c> (with "flow:" explanations).</summary>
    EscapeM2,
    /// <summary>A <c>-gcflags=-json=0,DIR</c> directory.</summary>
    EscapeJsonDirectory,
    /// <summary>An assembly listing of <c>-gcflags=-S</c>.</summary>
    AssemblyListing,
    /// <summary>GODEBUG=gctrace=1 lines.</summary>
    GcTrace,
    /// <summary>One JSON object per line holding runtime.MemStats fields.</summary>
    MemStatsJsonLines,
    /// <summary>An expvar document (/debug/vars) with its "memstats" object.</summary>
    ExpvarJson,
}

/// <summary>
/// Tells what produced an input from its first 64 KiB, so that a report can say how to produce it again. Only recognises;
/// the formats' own readers parse (and reject) the files.
/// </summary>
public static partial class InputFormatDetector
{
    private const int Head = 64 * 1024;

    /// <summary>The format of the file or directory at <paramref name="path"/>; <see cref="DetectedFormat.Unknown"/> when unreadable or
    /// unrecognised.</summary>
    public static DetectedFormat Detect(string path)
    {
        if (Directory.Exists(path)) return DetectedFormat.EscapeJsonDirectory;
        byte[] head;
        try
        {
            using var file = InputFile.OpenRead(path);
            head = new byte[Math.Min(Head, file.Length)];
            file.ReadExactly(head);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InputFormatException)
        {
            return DetectedFormat.Unknown;
        }
        // A gzipped file here is a protobuf profile (the text formats are never gzipped by Go's writers).
        if (InputFile.IsGzip(head)) return DetectedFormat.PprofProtobuf;
        var text = Encoding.UTF8.GetString(head);
        var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Trim().Length > 0).Take(200).ToList();
        if (lines.Count == 0) return DetectedFormat.Unknown;
        var first = lines[0].TrimStart();
        if (first.StartsWith("heap profile: ", StringComparison.Ordinal)) return DetectedFormat.HeapProfileText;
        if (first.StartsWith('{') && text.Contains("\"memstats\"", StringComparison.Ordinal)) return DetectedFormat.ExpvarJson;
        if (first.StartsWith('{') && text.Contains("\"HeapAlloc\"", StringComparison.Ordinal)) return DetectedFormat.MemStatsJsonLines;
        if (lines.Any(l => l.StartsWith("gc ", StringComparison.Ordinal) && l.Contains(" MB goal", StringComparison.Ordinal)))
            return DetectedFormat.GcTrace;
        if (lines.Any(l => l.Contains(" STEXT ", StringComparison.Ordinal))) return DetectedFormat.AssemblyListing;
        if (text.Contains(":   flow: ", StringComparison.Ordinal) || text.Contains(" with derefs=", StringComparison.Ordinal))
            return DetectedFormat.EscapeM2;
        if (lines.Any(l => CompilerPosition().IsMatch(l))) return DetectedFormat.EscapeM1;
        // Protobuf profiles need not be gzipped: the first field of a Profile is sample_type (field 1, length-delimited).
        return head[0] == 0x0a ? DetectedFormat.PprofProtobuf : DetectedFormat.Unknown;
    }

    // "file.go:12:7: message", as the compiler prints its diagnostics.
    [GeneratedRegex(@"^\S+\.go:\d+:\d+: ")]
    private static partial Regex CompilerPosition();
}
