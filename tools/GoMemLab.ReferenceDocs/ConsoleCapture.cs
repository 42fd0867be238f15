using System.Text;

namespace GoMemLab.ReferenceDocs;

/// <summary>
/// Captures what code writes to <see cref="Console.Out"/> and <see cref="Console.Error"/> while it runs, for
/// this async flow only. The commands write to the console directly; swapping the console writers outright
/// would also swallow whatever other threads print (tests run in parallel), so the writers are replaced once
/// by routers that send a write to the capture of the flow that made it, and everything else to the
/// original writer.
/// </summary>
public static class ConsoleCapture
{
    private static readonly AsyncLocal<(StringWriter Out, StringWriter Error)?> Current = new();
    private static readonly object InstallLock = new();
    private static TextWriter? _installedOut;
    private static TextWriter? _installedError;

    /// <summary>Runs <paramref name="body"/> and returns its result with everything it wrote to stdout and stderr.</summary>
    public static async Task<(T Result, string Stdout, string Stderr)> RunAsync<T>(Func<TextWriter, TextWriter, Task<T>> body)
    {
        Install();
        var captured = (Out: new StringWriter { NewLine = "\n" }, Error: new StringWriter { NewLine = "\n" });
        var previous = Current.Value;
        Current.Value = captured;
        try
        {
            var result = await body(captured.Out, captured.Error);
            return (result, captured.Out.ToString(), captured.Error.ToString());
        }
        finally
        {
            Current.Value = previous;
        }
    }

    private static void Install()
    {
        lock (InstallLock)
        {
            // Someone may have replaced the console writers since (a test host does): route around theirs too.
            if (!ReferenceEquals(Console.Out, _installedOut))
            {
                Console.SetOut(new Router(Console.Out, c => c.Out));
                _installedOut = Console.Out;
            }
            if (!ReferenceEquals(Console.Error, _installedError))
            {
                Console.SetError(new Router(Console.Error, c => c.Error));
                _installedError = Console.Error;
            }
        }
    }

    private sealed class Router(TextWriter fallback, Func<(StringWriter Out, StringWriter Error), StringWriter> pick) : TextWriter
    {
        private TextWriter Target => Current.Value is { } c ? pick(c) : fallback;

        public override Encoding Encoding => fallback.Encoding;

        public override void Write(char value) => Target.Write(value);

        public override void Write(string? value) => Target.Write(value);

        public override void Write(char[] buffer, int index, int count) => Target.Write(buffer, index, count);

        // Captures keep "\n" line ends whatever the platform, so pages are the same everywhere.
        public override void WriteLine() => Target.Write(Current.Value is null ? fallback.NewLine : "\n");

        public override void WriteLine(string? value)
        {
            Target.Write(value);
            WriteLine();
        }

        public override void Flush() => Target.Flush();
    }
}
