using Microsoft.Data.Analysis;

namespace GoMemLab.Ssa;

/// <summary>Tables of <see cref="SsaDump.CallsTo"/> and <see cref="SsaDump.HeapNames"/> for notebooks and the CLI.</summary>
public static class SsaTables
{
    /// <summary>Columns phases, column, value, op, line, text: one row per <see cref="SsaCallSite"/>.</summary>
    public static DataFrame ToDataFrame(IReadOnlyList<SsaCallSite> sites) => new(
        new StringDataFrameColumn("phases", sites.Select(s => s.Phases)),
        new Int32DataFrameColumn("column", sites.Select(s => s.Column)),
        new StringDataFrameColumn("value", sites.Select(s => s.Value)),
        new StringDataFrameColumn("op", sites.Select(s => s.Op)),
        new Int32DataFrameColumn("line", sites.Select(s => s.Line)),
        new StringDataFrameColumn("text", sites.Select(s => s.Text)));

    /// <summary>Columns name, escape, class, position: one row per <see cref="SsaAstName"/>.</summary>
    public static DataFrame ToDataFrame(IReadOnlyList<SsaAstName> names) => new(
        new StringDataFrameColumn("name", names.Select(n => n.Name)),
        new StringDataFrameColumn("escape", names.Select(n => n.Escape)),
        new StringDataFrameColumn("class", names.Select(n => n.Class)),
        new StringDataFrameColumn("position", names.Select(n => n.Position)));
}
