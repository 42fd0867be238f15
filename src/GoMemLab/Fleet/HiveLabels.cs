namespace GoMemLab.Fleet;

/// <summary>
/// Labels written into a path the way Hive, Spark and DuckDB partition data: each folder segment of the form
/// <c>key=value</c> is one label, e.g. <c>service=leaky/pod=a/heap-3.pb.gz</c> → service = leaky, pod = a.
/// </summary>
public static class HiveLabels
{
    /// <summary>
    /// The labels of the folder segments of <paramref name="relativePath"/> ('/' or '\' separated; the file name is
    /// not a folder and gives none). Segments without '=' or with an empty key are ignored; when a key repeats,
    /// the innermost folder wins. Values are kept verbatim (Hive's %XX escapes are not decoded).
    /// </summary>
    public static IReadOnlyDictionary<string, string> FromPath(string relativePath)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        var segments = relativePath.Split('/', '\\');
        for (var i = 0; i < segments.Length - 1; i++)
        {
            var equals = segments[i].IndexOf('=');
            if (equals <= 0) continue;
            labels[segments[i][..equals]] = segments[i][(equals + 1)..];
        }
        return labels;
    }
}
