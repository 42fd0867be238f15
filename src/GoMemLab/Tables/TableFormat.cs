namespace GoMemLab.Tables;

/// <summary>How a table is written on the command line: aligned text for people, CSV and JSON for programs.</summary>
public enum TableFormat
{
    Table,
    Csv,
    Json,
}
