using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GoMemLab.Cli.Notebooks;

/// <summary>
/// Reads the declarations of a notebook's cell tagged `parameters` with the C# compiler, so that each parameter gets the
/// type the kernel itself would give it (<c>var heapSnapshots = new[] { 1, 2 }.Select(…).ToArray();</c> is a string[]).
/// </summary>
public static class NotebookParameterReader
{
    /// <summary>
    /// The parameters in declaration order; empty when no cell is tagged `parameters`. A declaration the compiler cannot
    /// type (a syntax error, an unknown type) is <see cref="ParameterKind.Unsupported"/> with type "?".
    /// </summary>
    public static IReadOnlyList<NotebookParameter> Read(JupyterNotebook notebook)
    {
        var cell = notebook.Cells.FirstOrDefault(c => c.IsCode && c.Tags.Contains(NotebookParameters.ParametersTag));
        return cell is null ? [] : Read(cell.Source);
    }

    /// <summary>The parameters declared by one cell's C# source (see <see cref="Read(JupyterNotebook)"/>).</summary>
    public static IReadOnlyList<NotebookParameter> Read(string source)
    {
        var tree = CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(kind: SourceCodeKind.Script));
        var compilation = CSharpCompilation.CreateScriptCompilation("parameters", tree, References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, usings: KernelUsings));
        var model = compilation.GetSemanticModel(tree);
        var parameters = new List<NotebookParameter>();
        // A script's top-level `var x = …;` is a field of the script class (or, after a statement, a local of it).
        foreach (var declaration in tree.GetRoot().DescendantNodes().OfType<VariableDeclarationSyntax>()
                     .Where(d => d.Parent is FieldDeclarationSyntax { Parent: CompilationUnitSyntax }
                         or LocalDeclarationStatementSyntax { Parent: GlobalStatementSyntax }))
        {
            var statement = declaration.Parent!;
            var type = model.GetTypeInfo(declaration.Type).Type;
            foreach (var variable in declaration.Variables)
            {
                if (variable.Initializer is not { } initializer) continue;
                var dependsOn = initializer.Value.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>()
                    .Select(i => i.Identifier.Text).Where(n => parameters.Any(p => p.Name == n)).Distinct().ToList();
                parameters.Add(new NotebookParameter(variable.Identifier.Text, KindOf(type), TypeName(type), DefaultText(initializer.Value),
                    Description(statement), dependsOn, initializer.Value.ToString()));
            }
        }
        return parameters;
    }

    // What a .NET Interactive C# kernel imports by default, so that a parameters cell types as it runs there.
    private static readonly string[] KernelUsings =
        ["System", "System.IO", "System.Linq", "System.Collections.Generic", "System.Text", "System.Threading.Tasks"];

    private static readonly Lazy<MetadataReference[]> References = new(() =>
        ((AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string) ?? "").Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p) is var f && (f.StartsWith("System.",
            StringComparison.Ordinal) || f is "netstandard.dll" or "mscorlib.dll"))
            .Append(typeof(GoMemLab.Environment.EnvironmentCard).Assembly.Location)
            .Where(File.Exists)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToArray());

    private static ParameterKind KindOf(ITypeSymbol? type) => type switch
    {
        null or IErrorTypeSymbol => ParameterKind.Unsupported,
        { SpecialType: SpecialType.System_String } => ParameterKind.String,
        { SpecialType: SpecialType.System_Boolean } => ParameterKind.Bool,
        {
            SpecialType: SpecialType.System_Int32 or SpecialType.System_Int64 or SpecialType.System_Double or SpecialType.System_Single
            or SpecialType.System_Decimal
        } => ParameterKind.Number,
        IArrayTypeSymbol { Rank: 1, ElementType.SpecialType: SpecialType.System_String } => ParameterKind.StringArray,
        _ => ParameterKind.Unsupported,
    };

    private static string TypeName(ITypeSymbol? type) =>
        type is null or IErrorTypeSymbol ? "?" : type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);

    private static string DefaultText(ExpressionSyntax value) => value switch
    {
        LiteralExpressionSyntax { RawKind: (int)SyntaxKind.StringLiteralExpression } literal => literal.Token.ValueText,
        _ => value.ToString(),
    };

    // The comment after the declaration on its line, else the comment lines right above it.
    private static string? Description(SyntaxNode statement)
    {
        var trailing = statement.GetTrailingTrivia().Where(t
            => t.IsKind(SyntaxKind.SingleLineCommentTrivia)).Select(CommentText).FirstOrDefault();
        if (!string.IsNullOrWhiteSpace(trailing)) return trailing;
        var above = new List<string>();
        var newLines = 0;
        foreach (var trivia in statement.GetLeadingTrivia().Reverse())
        {
            if (trivia.IsKind(SyntaxKind.WhitespaceTrivia)) continue;
            if (trivia.IsKind(SyntaxKind.EndOfLineTrivia) && ++newLines == 1) continue;
            if (!trivia.IsKind(SyntaxKind.SingleLineCommentTrivia)) break;
            above.Insert(0, CommentText(trivia));
            newLines = 0;
        }
        return above.Count == 0 ? null : string.Join(' ', above);
    }

    private static string CommentText(SyntaxTrivia comment) => comment.ToString().TrimStart('/').Trim();
}
