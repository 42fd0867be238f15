using System.Globalization;
using System.Reflection;

namespace GoMemLab.ReferenceDocs;

/// <summary>Members written the way a notebook user would call them: C# keywords, short type names, nullability, defaults.</summary>
public static class CSharpSignatures
{
    private static readonly NullabilityInfoContext Nullability = new();

    private static readonly Dictionary<Type, string> Keywords = new()
    {
        [typeof(bool)] = "bool", [typeof(byte)] = "byte", [typeof(int)] = "int", [typeof(long)] = "long", [typeof(ulong)] = "ulong",
        [typeof(double)] = "double", [typeof(string)] = "string", [typeof(object)] = "object", [typeof(void)] = "void",
    };

    public static string Of(PropertyInfo property) =>
        $"{(property.GetMethod!.IsStatic ? "static " : "")}{Name(Nullability.Create(property))} {property.Name}";

    public static string Of(MethodInfo method)
    {
        var parameters = method.GetParameters().Select(p =>
            (p.IsDefined(typeof(ParamArrayAttribute)) ? "params " : "") + $"{Name(Nullability.Create(p))} {p.Name}" + Default(p));
        return $"{(method.IsStatic ? "static " : "")}{Name(Nullability.Create(method.ReturnParameter))} "
            + $"{method.Name}({string.Join(", ", parameters)})";
    }

    /// <summary>A type's short C# name, e.g. IReadOnlyList&lt;EscapeDiagnostic&gt;, int?, string[].</summary>
    public static string Name(Type type)
    {
        if (Nullable.GetUnderlyingType(type) is { } inner) return Name(inner) + "?";
        if (Keywords.TryGetValue(type, out var keyword)) return keyword;
        if (type.IsArray) return Name(type.GetElementType()!) + "[]";
        if (type.IsGenericType && type.FullName?.StartsWith("System.ValueTuple", StringComparison.Ordinal) == true)
            return "(" + string.Join(", ", type.GetGenericArguments().Select(Name)) + ")";
        if (!type.IsGenericType) return type.Name;
        return type.Name[..type.Name.IndexOf('`')] + "<" + string.Join(", ", type.GetGenericArguments().Select(Name)) + ">";
    }

    private static string Name(NullabilityInfo info)
    {
        var type = info.Type;
        if (type.IsGenericType && !type.IsValueType && info.GenericTypeArguments.Length > 0)
            type = type.GetGenericTypeDefinition();
        var name = type.IsGenericTypeDefinition
            ? type.Name[..type.Name.IndexOf('`')] + "<" + string.Join(", ", info.GenericTypeArguments.Select(Name)) + ">"
            : type.IsArray && info.ElementType is { } element ? Name(element) + "[]"
            : Name(type);
        return info.ReadState == NullabilityState.Nullable && !type.IsValueType ? name + "?" : name;
    }

    private static string Default(ParameterInfo parameter)
    {
        if (!parameter.HasDefaultValue) return "";
        var value = parameter.DefaultValue;
        // Reflection gives an enum parameter's default as its underlying number.
        if (parameter.ParameterType.IsEnum && value is not null and not Enum) value = Enum.ToObject(parameter.ParameterType, value);
        return " = " + value switch
        {
            null => parameter.ParameterType.IsValueType && Nullable.GetUnderlyingType(parameter.ParameterType) is null ? "default" : "null",
            string text => $"\"{text}\"",
            bool flag => flag ? "true" : "false",
            Enum member => $"{member.GetType().Name}.{member}",
            IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
            var other => other.ToString(),
        };
    }
}
