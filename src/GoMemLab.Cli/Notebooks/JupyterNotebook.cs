using System.Text.Json;
using System.Text.Json.Nodes;
using GoMemLab.Inputs;

namespace GoMemLab.Cli.Notebooks;

/// <summary>
/// An nbformat 4 notebook held as JSON, so that everything GoMemLab does not touch (metadata, cell ids,
/// attachments) is written back unchanged. Cells expose what execution needs: kind, language, source, tags.
/// </summary>
public sealed class JupyterNotebook
{
    private readonly JsonObject _root;

    private JupyterNotebook(string path, JsonObject root)
    {
        Path = path;
        _root = root;
        Cells = (root["cells"] as JsonArray ?? throw new InputFormatException(path,
            "has no \"cells\" array; expected a Jupyter notebook (nbformat 4)"))
            .Select((node, index) => new NotebookCell(index, node as JsonObject ?? throw new InputFormatException(path,
                $"cell {index + 1} is not a JSON object")))
            .ToList();
    }

    public string Path { get; }

    public List<NotebookCell> Cells { get; }

    /// <summary>The notebook's default kernel language (polyglot metadata, else the kernelspec), "csharp" when unstated.</summary>
    public string DefaultLanguage =>
        _root["metadata"]?["polyglot_notebook"]?["kernelInfo"]?["defaultKernelName"]?.GetValue<string>()
        ?? (_root["metadata"]?["kernelspec"]?["language"]?.GetValue<string>() is { } l ? NormalizeLanguage(l) : "csharp");

    public static JupyterNotebook Load(string path)
    {
        using var stream = InputFile.OpenRead(path);
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(stream);
        }
        catch (JsonException e)
        {
            throw new InputFormatException(path, $"is not valid JSON ({e.Message})", line: e.LineNumber + 1);
        }
        try
        {
            if (root is not JsonObject obj || obj["nbformat"] is not JsonValue format || !format.TryGetValue<int>(out var version)
                || version != 4)
                throw new InputFormatException(path, "is not a Jupyter notebook in nbformat 4");
            var notebook = new JupyterNotebook(path, obj);
            notebook.CheckFieldTypes();
            return notebook;
        }
        catch (InvalidOperationException e) when (e.InnerException is System.Text.DecoderFallbackException)
        {
            // JsonNode decodes property names lazily, so invalid UTF-8 surfaces on first access.
            throw new InputFormatException(path, "is not valid UTF-8 JSON", inner: e);
        }
        catch (ArgumentException e)
        {
            // JsonObject builds its dictionary on first access and refuses a name given twice.
            throw new InputFormatException(path,
                $"has an object with a duplicate property ({e.Message.Split(" (Parameter")[0].TrimEnd('.')})", inner: e);
        }
    }

    // The accessors read fields as the types nbformat prescribes; a field of another JSON type (a number
    // where a string belongs) is a malformed notebook, found here once rather than mid-run.
    private void CheckFieldTypes()
    {
        var cell = 0;
        try
        {
            _ = DefaultLanguage;
            for (; cell < Cells.Count; cell++) _ = (Cells[cell].Kind, Cells[cell].Source, Cells[cell].Tags, Cells[cell].Language);
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException)
        {
            var where = cell < Cells.Count ? $"cell {cell + 1}" : "metadata";
            throw new InputFormatException(Path, $"{where} has a field of the wrong JSON type ({e.Message.TrimEnd('.')})", inner: e);
        }
    }

    /// <summary>Inserts a new code cell after <paramref name="index"/> (papermill's injected-parameters cell).</summary>
    public NotebookCell InsertCodeCellAfter(int index, string source, params string[] tags)
    {
        var node = new JsonObject
        {
            ["cell_type"] = "code",
            ["execution_count"] = null,
            ["metadata"] = new JsonObject { ["tags"] = new JsonArray(tags.Select(t => (JsonNode)t).ToArray()) },
            ["outputs"] = new JsonArray(),
            ["source"] = source,
        };
        var cells = (JsonArray)_root["cells"]!;
        cells.Insert(index + 1, node);
        Cells.Insert(index + 1, new NotebookCell(index + 1, node));
        for (int i = 0; i < Cells.Count; i++) Cells[i].Index = i;
        return Cells[index + 1];
    }

    public string ToJson() => _root.ToJsonString(new JsonSerializerOptions { WriteIndented = true });

    public void Save(string path) => File.WriteAllText(path, ToJson() + "\n");

    internal static string NormalizeLanguage(string language) => language.ToLowerInvariant() switch
    {
        "c#" or "csharp" or "cs" => "csharp",
        "f#" or "fsharp" or "fs" => "fsharp",
        var other => other,
    };
}
