using System.Text.Json.Nodes;

namespace GoMemLab.Cli.Notebooks;

/// <summary>One cell of a <see cref="JupyterNotebook"/>, backed by its JSON object.</summary>
public sealed class NotebookCell
{
    private readonly JsonObject _node;

    internal NotebookCell(int index, JsonObject node)
    {
        Index = index;
        _node = node;
    }

    /// <summary>0-based position in the notebook.</summary>
    public int Index { get; internal set; }

    public string Kind => _node["cell_type"]?.GetValue<string>() ?? "code";

    public bool IsCode => Kind == "code";

    /// <summary>The source, joined when stored as a list of lines.</summary>
    public string Source => _node["source"] switch
    {
        JsonArray lines => string.Concat(lines.Select(l => l?.GetValue<string>())),
        JsonValue text => text.GetValue<string>(),
        _ => "",
    };

    public IReadOnlyList<string> Tags =>
        (_node["metadata"]?["tags"] as JsonArray)?.Select(t => t?.GetValue<string>() ?? "").ToList() ?? [];

    /// <summary>The cell's kernel (polyglot / dotnet_interactive metadata), or null to use the notebook default.</summary>
    public string? Language
    {
        get
        {
            var metadata = _node["metadata"];
            var name = metadata?["polyglot_notebook"]?["kernelName"]?.GetValue<string>()
                       ?? metadata?["dotnet_interactive"]?["language"]?.GetValue<string>();
            return name is null ? null : JupyterNotebook.NormalizeLanguage(name);
        }
    }

    /// <summary>Replaces the cell's outputs and execution count with what a run produced.</summary>
    public void SetOutputs(JsonArray outputs, int executionCount)
    {
        _node["outputs"] = outputs;
        _node["execution_count"] = executionCount;
    }

    public JsonArray Outputs => _node["outputs"] as JsonArray ?? [];

    /// <summary>Replaces the cell's source (stored as one string).</summary>
    public void SetSource(string source) => _node["source"] = source;

    /// <summary>Removes a code cell's outputs and execution count, as a notebook that never ran has them.</summary>
    public void ClearOutputs()
    {
        if (!IsCode) return;
        _node["outputs"] = new JsonArray();
        _node["execution_count"] = null;
    }
}
