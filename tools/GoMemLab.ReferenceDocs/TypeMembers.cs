using System.Reflection;
using System.Runtime.CompilerServices;

namespace GoMemLab.ReferenceDocs;

/// <summary>
/// The public members of a type a notebook user calls on a magic's variable, by reflection, in declaration
/// order: properties, then methods, then static members. Members every object or record has (Equals,
/// ToString, Deconstruct, compiler-generated ones) are left out.
/// </summary>
public static class TypeMembers
{
    private static readonly HashSet<string> Universal = ["Equals", "GetHashCode", "ToString", "Deconstruct", "GetType"];

    /// <summary>Markdown bullets: the signature in backticks, then the XML-doc summary when there is one.</summary>
    public static IEnumerable<(string Group, IReadOnlyList<string> Bullets)> Describe(Type type)
    {
        const BindingFlags Flags = BindingFlags.Public | BindingFlags.DeclaredOnly;
        var properties = type.GetProperties(Flags | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0);
        var methods = type.GetMethods(Flags | BindingFlags.Instance).Where(Callable);
        var statics = type.GetProperties(Flags | BindingFlags.Static).Select(p => ((MemberInfo)p, CSharpSignatures.Of(p)))
            .Concat(type.GetMethods(Flags | BindingFlags.Static).Where(Callable).Select(m => ((MemberInfo)m, CSharpSignatures.Of(m))));
        return new (string, IEnumerable<(MemberInfo Member, string Signature)>)[]
        {
            ("Properties", properties.Select(p => ((MemberInfo)p, CSharpSignatures.Of(p)))),
            ("Methods", methods.Select(m => ((MemberInfo)m, CSharpSignatures.Of(m)))),
            ("Static members", statics),
        }
        .Select(g => (g.Item1, (IReadOnlyList<string>)g.Item2.OrderBy(m => m.Member.MetadataToken).Select(Bullet).ToList()))
        .Where(g => g.Item2.Count > 0);
    }

    private static bool Callable(MethodInfo method) =>
        !method.IsSpecialName && !Universal.Contains(method.Name) && !method.IsDefined(typeof(CompilerGeneratedAttribute))
        && method.GetBaseDefinition().DeclaringType == method.DeclaringType;

    private static string Bullet((MemberInfo Member, string Signature) member) =>
        $"`{member.Signature}`" + (XmlDocs.Summary(member.Member) is { } summary ? " — " + summary : "");
}
