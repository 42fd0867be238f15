using System.Reflection;
using System.Text;
using GoMemLab.Interactive.Magics;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Directives;

namespace GoMemLab.Interactive.Hosting;

/// <summary>
/// Works around a .NET Interactive bug that hangs a magic holding two value references
/// (`#!pprof @csharp:heap4 --diff-base @csharp:heap1`) in dotnet-interactive's Jupyter host.
/// Its SubmissionParser (RequestMultipleInputsIfAppropriate, Microsoft.DotNet.Interactive 1.0.0-beta.26120.1 and
/// dotnet/interactive main as of 2025) sends a RequestInputs for every directive with more than one `@` expression,
/// counting `@csharp:x` references although only `@input`/`@password` ones become form fields. A host that handles
/// RequestInputs (UseFormsForMultipleInputs, registered by `dotnet interactive jupyter` and `stdio`) then shows an
/// empty form and blocks until its Ok button is pressed — never, under nbconvert — and, once answered, binds every
/// reference that was not a form field to null. Hosts without forms (dotnet-repl, `gomemlab run`) are not affected.
/// </summary>
public static class MultipleValueReferences
{
    /// <summary>
    /// Answers a RequestInputs that asks for nothing (no `@input` in the directive) at once, without the host's form.
    /// Requests with real inputs still reach the host. Safe to call more than once.
    /// </summary>
    public static void Install(Kernel root)
    {
        if (!Installed.Add(root)) return;
        root.AddMiddleware(async (command, context, next) =>
        {
            if (command is RequestInputs { Inputs.Count: 0 }) return;
            await next(command, context);
        });
    }

    private static readonly HashSet<Kernel> Installed = new(ReferenceEqualityComparer.Instance);

    /// <summary>
    /// Gives back the values the host dropped: each string parameter of <paramref name="command"/> that is null while
    /// the directive's text sets it to `@kernel:name` (or `@name`, the C# kernel's) is read from the C# kernel, as the
    /// parser would have. Does nothing when no reference was dropped.
    /// </summary>
    /// <exception cref="ArgumentException">a referenced variable is not defined, or lives in another kernel.</exception>
    public static void Rebind(MagicCommand command, KernelActionDirective directive, Kernel kernel)
    {
        if (CellCode(command) is not { } code) return;
        var properties = directive.Parameters.ToDictionary(p => p.Name, p => PropertyFor(command, p.Name));
        var dropped = DirectiveLines(code, directive.Name)
            .Select(line => Parse(line, directive))
            .FirstOrDefault(values => Matches(values, command, properties));
        if (dropped is null) return;
        foreach (var (parameter, value) in dropped)
        {
            if (!IsReference(value) || properties[parameter] is not { } property || property.GetValue(command) is not null) continue;
            property.SetValue(command, Resolve(value, kernel));
        }
    }

    private static string Resolve(string reference, Kernel kernel)
    {
        var parts = reference[1..].Split(':', 2);
        var (kernelName, variable) = parts.Length == 2 ? (parts[0], parts[1]) : ("csharp", parts[0]);
        if (kernelName != "csharp")
            throw new ArgumentException($"{reference}: this host passes no value for a second reference to another kernel; use a "
                + $"@csharp: variable or the value itself");
        var csharp = kernel as CSharpKernel ?? kernel.RootKernel.FindKernels(k
            => k is CSharpKernel).OfType<CSharpKernel>().FirstOrDefault();
        if (csharp is null || !csharp.TryGetValue<object>(variable, out var value))
            throw new ArgumentException($"{reference}: no C# variable named '{variable}' is defined");
        return value?.ToString() ?? throw new ArgumentException($"{reference}: the C# variable '{variable}' is null");
    }

    // A directive line of this cell matches the command when every parameter it gives literally has that value in the
    // command, and at least one it gives by reference came through as null.
    private static bool Matches(Dictionary<string, string> values, MagicCommand command, Dictionary<string, PropertyInfo?> properties) =>
        values.Any(v => IsReference(v.Value) && properties[v.Key]?.GetValue(command) is null) &&
        values.All(v => IsReference(v.Value) || properties[v.Key] is not { } p || Equals(p.GetValue(command)?.ToString(), Literal(p,
            v.Value)));

    private static string Literal(PropertyInfo property, string value) => property.PropertyType == typeof(bool) ? "True" : value;

    private static bool IsReference(string value) => value.Length > 1 && value[0] == '@';

    // `--diff-base` binds to DiffBase (System.Text.Json, camel case), `-h` to Help.
    private static PropertyInfo? PropertyFor(MagicCommand command, string parameter)
    {
        var name = string.Concat(parameter.TrimStart('-').Split('-').Select(w => w.Length == 0 ? w : char.ToUpperInvariant(w[0]) + w[1..]));
        var property = command.GetType().GetProperty(name);
        return property is { CanWrite: true } && (property.PropertyType == typeof(string) || property.PropertyType == typeof(bool))
            ? property : null;
    }

    private static string? CellCode(KernelCommand command)
    {
        for (var c = command; c is not null; c = c.Parent)
            if (c is SubmitCode submit) return submit.Code;
        return null;
    }

    private static IEnumerable<string> DirectiveLines(string code, string name) =>
        code.Split('\n').Select(l => l.Trim()).Where(l => l == name || l.StartsWith(name + " ", StringComparison.Ordinal));

    /// <summary>Parameter name → value text as written (a flag's value is "true"); a bare value goes to the implicit parameter.</summary>
    private static Dictionary<string, string> Parse(string line, KernelActionDirective directive)
    {
        var values = new Dictionary<string, string>();
        var tokens = Tokens(line).Skip(1).ToList();
        var implicitName = directive.Parameters.FirstOrDefault(p => p.AllowImplicitName)?.Name;
        for (var i = 0; i < tokens.Count; i++)
        {
            var parameter = directive.Parameters.FirstOrDefault(p => p.Name == tokens[i]);
            if (parameter is { Flag: true }) values[parameter.Name] = "true";
            else if (parameter is not null && i + 1 < tokens.Count) values[parameter.Name] = tokens[++i];
            else if (parameter is null && implicitName is not null) values[implicitName] = tokens[i];
        }
        return values;
    }

    private static IEnumerable<string> Tokens(string line)
    {
        var token = new StringBuilder();
        var quoted = false;
        foreach (var c in line)
        {
            if (c == '"') quoted = !quoted;
            else if (char.IsWhiteSpace(c) && !quoted)
            {
                if (token.Length > 0) yield return token.ToString();
                token.Clear();
            }
            else token.Append(c);
        }
        if (token.Length > 0) yield return token.ToString();
    }
}
