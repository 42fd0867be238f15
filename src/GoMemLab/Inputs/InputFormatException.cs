namespace GoMemLab.Inputs;

/// <summary>
/// The one error type every GoMemLab reader throws for input it cannot use: a missing path, a
/// truncated or corrupt file, a file of another format. The message is one line a person can act
/// on: the file, where in it (byte offset or line, when known), and what was expected there.
/// </summary>
public sealed class InputFormatException : Exception
{
    public InputFormatException(string file, string problem, long? offset = null, long? line = null, Exception? inner = null)
        : base(Describe(file, problem, offset, line), inner)
    {
        File = file;
        Problem = problem;
        Offset = offset;
        Line = line;
    }

    /// <summary>The path (or URL) as the user gave it.</summary>
    public string File { get; }

    /// <summary>What is wrong, without the location.</summary>
    public string Problem { get; }

    /// <summary>Byte offset into the (decompressed) content where the problem was found, if known.</summary>
    public long? Offset { get; }

    /// <summary>1-based line number where the problem was found, if known.</summary>
    public long? Line { get; }

    private static string Describe(string file, string problem, long? offset, long? line)
    {
        var where = line is { } l ? $":{l}" : offset is { } o ? $" (at byte {o})" : "";
        return $"{file}{where}: {problem}";
    }
}
