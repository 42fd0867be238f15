using System.Text.Json.Nodes;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;

namespace GoMemLab.Cli.Notebooks;

/// <summary>
/// Turns the events a kernel published for one cell into Jupyter outputs (display_data,
/// execute_result, stream, error), applying display updates in place as a live notebook would.
/// </summary>
public static class CellOutputs
{
    public static (JsonArray Outputs, string? Error) From(IEnumerable<KernelEvent> events, int executionCount)
    {
        var outputs = new JsonArray();
        var displays = new Dictionary<string, JsonObject>();
        string? error = null;
        foreach (var e in events)
        {
            switch (e)
            {
                case DisplayedValueUpdated updated when updated.ValueId is not null && displays.TryGetValue(updated.ValueId,
                    out var existing):
                    existing["data"] = Data(updated.FormattedValues);
                    break;
                case ReturnValueProduced value:
                    outputs.Add(new JsonObject
                    {
                        ["output_type"] = "execute_result",
                        ["execution_count"] = executionCount,
                        ["data"] = Data(value.FormattedValues),
                        ["metadata"] = new JsonObject(),
                    });
                    break;
                case DisplayEvent display and (DisplayedValueProduced or DisplayedValueUpdated):
                    var node = new JsonObject
                    {
                        ["output_type"] = "display_data",
                        ["data"] = Data(display.FormattedValues),
                        ["metadata"] = new JsonObject(),
                    };
                    if (display.ValueId is not null) displays[display.ValueId] = node;
                    outputs.Add(node);
                    break;
                case StandardOutputValueProduced stdout:
                    outputs.Add(Stream("stdout", Text(stdout.FormattedValues)));
                    break;
                case StandardErrorValueProduced stderr:
                    outputs.Add(Stream("stderr", Text(stderr.FormattedValues)));
                    break;
                case ErrorProduced produced:
                    error ??= produced.Message;
                    break;
                case CommandFailed failed:
                    error = failed.Message;
                    break;
            }
        }
        if (error is not null)
            outputs.Add(new JsonObject
            {
                ["output_type"] = "error",
                ["ename"] = "Error",
                ["evalue"] = error,
                ["traceback"] = new JsonArray(),
            });
        return (outputs, error);
    }

    private static JsonObject Data(IReadOnlyCollection<FormattedValue> values)
    {
        var data = new JsonObject();
        foreach (var v in values) data[v.MimeType] = v.Value;
        return data;
    }

    private static string Text(IReadOnlyCollection<FormattedValue> values) =>
        values.FirstOrDefault(v => v.MimeType == PlainTextFormatter.MimeType)?.Value ?? values.FirstOrDefault()?.Value ?? "";

    private static JsonObject Stream(string name, string text) =>
        new() { ["output_type"] = "stream", ["name"] = name, ["text"] = text };
}
