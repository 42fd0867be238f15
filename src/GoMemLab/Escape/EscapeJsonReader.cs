using System.Text;
using System.Text.Json;
using GoMemLab.Inputs;

namespace GoMemLab.Escape;

/// <summary>
/// Reads the directory written by <c>go build -gcflags=-json=0,DIR</c>: one folder per package
/// (URL-escaped import path), one <c>.json</c> file per source file, each a header line then one
/// LSP diagnostic per line. Positions (<c>range.start.line</c> / <c>character</c>) are taken as is:
/// on Go 1.19 they are 1-based and equal to the text form's line:col (checked against the text log
/// of the same build in the tests). Mapping onto the text model, and what the JSON lacks:
/// <list type="bullet">
/// <item><c>escape</c>/<c>escapes</c> with a message are explanations ("X escapes to heap" + flow);
/// <c>escape</c> with an empty message is the escapes-to-heap decision; an explanation with no
/// decision at its position is a variable: moved-to-heap (Go logs no decision record for those).</item>
/// <item><c>leak</c> is param-leaks with its flow; <c>canInlineFunction</c> / <c>cannotInlineFunction</c>
/// carry only "cost: N" / the reason, not the function name, so Subject and Function stay empty.</item>
/// <item>There are no records for does-not-escape, leaking param, inlining call or devirtualizing;
/// other codes (nilcheck, isInBounds, …) become <see cref="EscapeKind.Other"/> "code: message".</item>
/// </list>
/// Flow step positions ("from … at file:line:col") are rebuilt from the related locations; the
/// <c>inlineLoc</c> entries between them (the inlined callee's position) are not kept. Go/defer
/// wrapper closures get a decision record here although the text form prints only their
/// explanation; and the main package is called <c>main</c>, not by its import path.
/// </summary>
internal static class EscapeJsonReader
{
    /// <summary>Reads every <c>*.json</c> file under <paramref name="directory"/> (sorted by path).</summary>
    /// <exception cref="InputFormatException">Missing directory, no logopt files, or a malformed line.</exception>
    public static EscapeLog ReadDirectory(string directory, CancellationToken cancel = default)
    {
        if (!Directory.Exists(directory)) throw new InputFormatException(directory, "no such directory");
        var files = Directory.EnumerateFiles(directory, "*.json", SearchOption.AllDirectories)
            .OrderBy(f => f, StringComparer.Ordinal).ToList();
        if (files.Count == 0)
            throw new InputFormatException(directory, "has no .json files; expected the directory of go build -gcflags=-json=0,DIR");
        var builder = new EscapeLogBuilder { OrphanExplanationKind = EscapeKind.MovedToHeap };
        var stepText = new MemoryStream();
        foreach (var file in files)
        {
            cancel.ThrowIfCancellationRequested();
            ReadFile(file, builder, stepText);
        }
        return builder.Build(directory, stepText.ToArray(), 0);
    }

    private static void ReadFile(string path, EscapeLogBuilder builder, MemoryStream stepText)
    {
        var bytes = InputFile.ReadAllBytesMaybeGzip(path);
        if (bytes.AsSpan().IndexOf((byte)0) >= 0) throw new InputFormatException(path, "is binary (NUL byte), expected logopt JSON lines");
        var lines = Encoding.UTF8.GetString(bytes).Split('\n');
        int package = 0, file = 0;
        var sawHeader = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var text = lines[i].TrimEnd('\r');
            if (text.Length == 0) continue;
            try
            {
                using var json = JsonDocument.Parse(text);
                var root = json.RootElement;
                if (!sawHeader)
                {
                    if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("version", out _))
                        throw new InputFormatException(path, "first line is not a logopt header ({\"version\":…})", line: i + 1);
                    package = builder.InternPackage(Str(root, "package"));
                    file = builder.InternFile(Str(root, "file"));
                    sawHeader = true;
                    continue;
                }
                ReadDiagnostic(root, package, file, i + 1, builder, stepText);
            }
            catch (JsonException e)
            {
                throw new InputFormatException(path, $"is not valid JSON ({e.Message.Split('.')[0]})", line: i + 1, inner: e);
            }
            catch (InvalidOperationException e)
            {
                throw new InputFormatException(path, $"has an unexpected JSON shape ({e.Message})", line: i + 1, inner: e);
            }
            catch (KeyNotFoundException e)
            {
                throw new InputFormatException(path,
                    "has an unexpected JSON shape (a diagnostic without range.start.line and range.start.character)", line: i + 1,
                        inner: e);
            }
            catch (FormatException e)
            {
                // GetInt32 on a number outside int range, e.g. "line": 99999999999.
                throw new InputFormatException(path, "has a number out of range (expected a 32-bit line or column)", line: i + 1, inner: e);
            }
        }
    }

    private static void ReadDiagnostic(JsonElement root, int package, int file, long logLine, EscapeLogBuilder builder,
        MemoryStream stepText)
    {
        var start = root.GetProperty("range").GetProperty("start");
        var line = start.GetProperty("line").GetInt32();
        var column = start.GetProperty("character").GetInt32();
        var code = Str(root, "code");
        var message = Str(root, "message");
        switch (code)
        {
            case "escape" when message.Length == 0:
                builder.AddClassified(package, file, line, column, EscapeKind.EscapesToHeap, "", "escapes to heap", logLine);
                return;
            case "escape" or "escapes" or "leak":
                builder.Add(package, file, line, column, message + ":", logLine);
                if (builder.OpenExplanation < 0) return;
                if (root.TryGetProperty("relatedInformation", out var related))
                    foreach (var step in related.EnumerateArray()) AddStep(step, builder, stepText);
                return;
            case "canInlineFunction":
                builder.AddClassified(package, file, line, column, EscapeKind.CanInline, "", code + ": " + message, logLine);
                return;
            case "cannotInlineFunction":
                builder.AddClassified(package, file, line, column, EscapeKind.CannotInline, "", code + ": " + message, logLine);
                return;
            default:
                builder.AddOther(package, file, line, column, message.Length == 0 ? code : code + ": " + message, logLine);
                return;
        }
    }

    // "escflow:      from v (spill)" at a location becomes "from v (spill) at /path/file.go:11:9",
    // the shape of the text form, so both forms share one step parser.
    private static void AddStep(JsonElement related, EscapeLogBuilder builder, MemoryStream stepText)
    {
        var message = Str(related, "message");
        // "inlineLoc" entries give the inlined callee's position of the step after them, not a step.
        if (message == "inlineLoc") return;
        if (message.StartsWith("escflow:", StringComparison.Ordinal)) message = message[8..];
        message = message.Trim();
        var kind = message.StartsWith("flow: ", StringComparison.Ordinal) ? FlowStepKind.Flow
            : message.StartsWith("from ", StringComparison.Ordinal) ? FlowStepKind.From : FlowStepKind.Note;
        if (kind == FlowStepKind.From && related.TryGetProperty("location", out var location))
        {
            var uri = Str(location, "uri");
            var path = uri.StartsWith("file://", StringComparison.Ordinal) ? Uri.UnescapeDataString(uri[7..]) : uri;
            var at = location.GetProperty("range").GetProperty("start");
            message += $" at {path}:{at.GetProperty("line").GetInt32()}:{at.GetProperty("character").GetInt32()}";
        }
        var bytes = Encoding.UTF8.GetBytes(message);
        var offset = (int)stepText.Length;
        stepText.Write(bytes);
        builder.AddStep(offset, bytes.Length, kind);
    }

    private static string Str(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() ?? "" : "";
}
