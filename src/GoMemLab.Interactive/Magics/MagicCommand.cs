using System.Text.Json.Serialization;
using Microsoft.DotNet.Interactive.Commands;

namespace GoMemLab.Interactive.Magics;

/// <summary>
/// Base of every GoMemLab magic's command: the host binds each `--parameter` to the property of the
/// same name; `-h` is declared by every magic (see <see cref="MagicKit.WithHelp"/>) so help comes from
/// the declaration and is never out of date.
/// </summary>
public abstract class MagicCommand : KernelDirectiveCommand
{
    [JsonPropertyName("h")]
    public bool Help { get; set; }
}
