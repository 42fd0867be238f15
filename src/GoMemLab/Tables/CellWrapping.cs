namespace GoMemLab.Tables;

/// <summary>Breaks a long table cell into lines for aligned text output (see <see cref="TableWriter.MaxTextCellWidth"/>).</summary>
public static class CellWrapping
{
    private static readonly char[] BreakAfter = ['/', ',', ';', ')', '.', '-'];

    /// <summary>
    /// The lines of <paramref name="text"/>, none longer than <paramref name="width"/>: each break is at the last space that
    /// fits, else right after the last separator ('/', ',', ';', ')', '.', '-') that fits, else at the width itself.
    /// Joining the lines with the spaces removed at the breaks gives the text back; a text that fits is one line.
    /// </summary>
    public static string[] Wrap(string text, int width)
    {
        if (width < 1) throw new ArgumentOutOfRangeException(nameof(width), width, "a cell is at least one character wide");
        if (text.Length <= width && !text.Contains('\n')) return [text];
        var lines = new List<string>();
        foreach (var paragraph in text.Split('\n'))
        {
            var rest = paragraph.TrimEnd('\r');
            while (rest.Length > width)
            {
                var cut = rest.LastIndexOf(' ', width);
                if (cut <= 0) cut = rest.LastIndexOfAny(BreakAfter, width - 1) + 1;
                if (cut <= 0) cut = width;
                lines.Add(rest[..cut].TrimEnd());
                rest = rest[cut..].TrimStart();
            }
            lines.Add(rest);
        }
        return lines.ToArray();
    }
}
