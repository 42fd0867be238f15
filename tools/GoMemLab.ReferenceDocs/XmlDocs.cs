using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace GoMemLab.ReferenceDocs;

/// <summary>
/// The &lt;summary&gt; of a type or member from the XML documentation file next to its assembly (GoMemLab.Core.xml),
/// as one line of Markdown. Without the file, or for an undocumented member, there is no summary: pages then
/// show the signature alone.
/// </summary>
public static partial class XmlDocs
{
    private static readonly Dictionary<Assembly, Dictionary<string, XElement>> Loaded = [];

    public static string? Summary(MemberInfo member)
    {
        var type = member as Type ?? member.DeclaringType!;
        return Members(type.Assembly).TryGetValue(Id(member), out var doc) && doc.Element("summary") is { } summary
            ? Markdown(summary) : null;
    }

    private static Dictionary<string, XElement> Members(Assembly assembly)
    {
        lock (Loaded)
        {
            if (Loaded.TryGetValue(assembly, out var members)) return members;
            var file = Path.ChangeExtension(assembly.Location, ".xml");
            members = File.Exists(file)
                ? XDocument.Load(file).Descendants("member").ToDictionary(m => (string)m.Attribute("name")!, m => m)
                : [];
            return Loaded[assembly] = members;
        }
    }

    /// <summary>The documentation id the compiler writes, e.g.
    /// M:GoMemLab.Profiles.LoadedProfile.Top(System.String,System.Int32,…).</summary>
    private static string Id(MemberInfo member) => member switch
    {
        Type type => "T:" + TypeId(type),
        PropertyInfo property => $"P:{TypeId(property.DeclaringType!)}.{property.Name}",
        MethodInfo method => $"M:{TypeId(method.DeclaringType!)}.{method.Name}"
            + (method.IsGenericMethod ? "``" + method.GetGenericArguments().Length : "")
            + (method.GetParameters().Length == 0 ? "" : "("
                + string.Join(",", method.GetParameters().Select(p => ParameterId(p.ParameterType))) + ")"),
        _ => "",
    };

    private static string TypeId(Type type) => (type.FullName ?? type.Name).Replace('+', '.');

    private static string ParameterId(Type type)
    {
        if (type.IsByRef) return ParameterId(type.GetElementType()!) + "@";
        if (type.IsArray) return ParameterId(type.GetElementType()!) + "[]";
        if (type.IsGenericMethodParameter) return "``" + type.GenericParameterPosition;
        if (type.IsGenericParameter) return "`" + type.GenericParameterPosition;
        if (!type.IsGenericType) return TypeId(type);
        var definition = type.GetGenericTypeDefinition().FullName!;
        return definition[..definition.IndexOf('`')].Replace('+', '.') + "{"
            + string.Join(",", type.GetGenericArguments().Select(ParameterId)) + "}";
    }

    /// <summary>The summary's text on one line: code and references in backticks, other markup dropped.</summary>
    private static string Markdown(XElement summary)
    {
        var text = new StringBuilder();
        void Walk(XNode node)
        {
            switch (node)
            {
                case XText t: text.Append(t.Value); break;
                case XElement { Name.LocalName: "c" } c: text.Append('`').Append(c.Value).Append('`'); break;
                case XElement { Name.LocalName: "see" or "seealso" } see:
                    text.Append('`').Append((string?)see.Attribute("langword") ?? ShortName((string?)see.Attribute("cref")
                        ?? see.Value)).Append('`');
                    break;
                case XElement { Name.LocalName: "paramref" or "typeparamref" } p:
                    text.Append('`').Append((string?)p.Attribute("name")).Append('`'); break;
                case XElement e:
                    text.Append(' ');
                    foreach (var child in e.Nodes()) Walk(child);
                    text.Append(' ');
                    break;
            }
        }
        foreach (var node in summary.Nodes()) Walk(node);
        return Spaces().Replace(text.ToString(), " ").Trim();
    }

    /// <summary>"M:GoMemLab.Profiles.Top.Compute(…)" → "Top.Compute".</summary>
    private static string ShortName(string cref)
    {
        var name = cref.Length > 2 && cref[1] == ':' ? cref[2..] : cref;
        var parenthesis = name.IndexOf('(');
        if (parenthesis >= 0) name = name[..parenthesis];
        var parts = name.Split('.');
        var shown = cref.StartsWith("T:", StringComparison.Ordinal) || parts.Length < 2 ? parts[^1] : parts[^2] + "." + parts[^1];
        return shown.Replace("`1", "").Replace("`2", "");
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
