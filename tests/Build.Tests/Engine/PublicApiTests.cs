using System.Reflection;
using System.Runtime.CompilerServices;

namespace Build.Tests.Engine;

/// <summary>
/// The engine assembly's public surface, one line per public type and member, against the list checked in next
/// to this test (PublicApi.Engine.txt). A change to it fails here with the lines added and removed; when the
/// change is meant, copy the list the failure names (PublicApi.Engine.received.txt) over the checked-in one.
/// </summary>
public class PublicApiTests
{
    static readonly Assembly EngineAssembly = typeof(NukeBuild).Assembly;

    [Fact]
    public void The_engine_assembly_is_its_own()
    {
        Assert.Equal("Build.Engine", EngineAssembly.GetName().Name);
        Assert.NotEqual(EngineAssembly, typeof(global::Components.ITag).Assembly);
    }

    [Fact]
    public void The_engine_public_surface_is_the_checked_in_one()
    {
        var expectedFile = Path.Combine(SourceDirectory(), "PublicApi.Engine.txt");
        var actual = Surface(EngineAssembly);
        var expected = File.Exists(expectedFile) ? File.ReadAllLines(expectedFile).Where(line => line.Length > 0).ToList() : [];
        if (actual.SequenceEqual(expected)) return;
        var received = Path.ChangeExtension(expectedFile, ".received.txt");
        File.WriteAllLines(received, actual);
        var removed = expected.Except(actual).Select(line => "- " + line);
        var added = actual.Except(expected).Select(line => "+ " + line);
        Assert.Fail($"The engine's public API changed (the new list is in {received}):\n" + string.Join("\n", removed.Concat(added)));
    }

    /// <summary>Every public type (sorted by name) and its public and protected members, as C#-like lines.</summary>
    static List<string> Surface(Assembly assembly) =>
        assembly.GetExportedTypes().OrderBy(t => t.FullName, StringComparer.Ordinal)
            .SelectMany(type => new[] { Describe(type) }.Concat(Members(type).Select(member => "    " + member)))
            .ToList();

    static string Describe(Type type)
    {
        var kind = type.IsInterface ? "interface" : type.IsEnum ? "enum" : type.IsValueType ? "struct"
            : typeof(Delegate).IsAssignableFrom(type) ? "delegate" : type.IsAbstract && type.IsSealed ? "static class"
            : type.IsAbstract ? "abstract class" : type.IsSealed ? "sealed class" : "class";
        var bases = new List<string>();
        if (type.BaseType is { } baseType && baseType != typeof(object) && baseType != typeof(ValueType) && baseType != typeof(Enum)
            && baseType != typeof(MulticastDelegate))
            bases.Add(Name(baseType));
        bases.AddRange(type.GetInterfaces().Where(i => i.IsPublic).Select(Name).Order(StringComparer.Ordinal));
        return $"{kind} {Name(type)}" + (bases.Count > 0 ? " : " + string.Join(", ", bases) : "");
    }

    static IEnumerable<string> Members(Type type)
    {
        const BindingFlags flags = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        if (type.IsEnum) return Enum.GetNames(type);
        if (typeof(Delegate).IsAssignableFrom(type))
            return [Method(type.GetMethod("Invoke")!)];
        return type.GetMembers(flags)
            .Where(Visible)
            .Where(member => member.GetCustomAttribute<CompilerGeneratedAttribute>() is null)
            .Select(member => member switch
            {
                ConstructorInfo constructor => $"{Access(constructor)}{Name(type).Split('<')[0]}({Parameters(constructor)})",
                MethodInfo method when method.IsSpecialName && !method.Name.StartsWith("op_") => null, // property and event accessors
                MethodInfo method => Access(method) + Method(method),
                PropertyInfo property => $"{Access(property.GetMethod ?? property.SetMethod!)}{Name(property.PropertyType)} {property.Name} {{ {Accessors(property)}}}",
                FieldInfo field => $"{(field.IsLiteral ? "const " : field.IsStatic ? "static " : "")}{Name(field.FieldType)} {field.Name}",
                EventInfo @event => $"event {Name(@event.EventHandlerType!)} {@event.Name}",
                Type nested => $"nested {Describe(nested)}",
                _ => member.ToString(),
            })
            .OfType<string>()
            .Order(StringComparer.Ordinal);
    }

    static bool Visible(MemberInfo member) => member switch
    {
        MethodBase method => method.IsPublic || method.IsFamily || method.IsFamilyOrAssembly,
        PropertyInfo property => new[] { property.GetMethod, property.SetMethod }.Any(a => a is not null && Visible(a)),
        FieldInfo field => field.IsPublic || field.IsFamily || field.IsFamilyOrAssembly,
        EventInfo @event => @event.AddMethod is { } add && Visible(add),
        Type nested => nested.IsNestedPublic || nested.IsNestedFamily,
        _ => false,
    };

    static string Access(MethodBase method) =>
        (method.IsFamily || method.IsFamilyOrAssembly ? "protected " : "") + (method.IsStatic ? "static " : "")
        + (method.IsAbstract && !method.DeclaringType!.IsInterface ? "abstract " : "")
        + (method.IsVirtual && !method.IsAbstract && !method.IsFinal ? "virtual " : "");

    static string Accessors(PropertyInfo property) =>
        (property.GetMethod is { } get && Visible(get) ? "get; " : "") + (property.SetMethod is { } set && Visible(set)
            ? set.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(IsExternalInit)) ? "init; " : "set; " : "");

    static string Method(MethodInfo method) =>
        $"{Name(method.ReturnType)} {method.Name}{(method.IsGenericMethod ? "<" + string.Join(", ", method.GetGenericArguments().Select(Name)) + ">" : "")}({Parameters(method)})";

    static string Parameters(MethodBase method) =>
        string.Join(", ", method.GetParameters().Select(p => $"{(p.GetCustomAttribute<ParamArrayAttribute>() is not null ? "params " : "")}{Name(p.ParameterType)} {p.Name}{(p.HasDefaultValue ? " = " + (p.DefaultValue ?? "null") : "")}"));

    /// <summary>A type as C# would spell it, namespace-qualified outside System.</summary>
    static string Name(Type type)
    {
        if (type.IsByRef) return "ref " + Name(type.GetElementType()!);
        if (type.IsArray) return Name(type.GetElementType()!) + "[]";
        if (type.IsGenericParameter) return type.Name;
        if (Nullable.GetUnderlyingType(type) is { } underlying) return Name(underlying) + "?";
        var name = type.Namespace is "System" or null ? type.Name : $"{type.Namespace}.{type.Name}";
        if (type.IsNested) name = $"{Name(type.DeclaringType!)}.{type.Name}";
        if (!type.IsGenericType) return name;
        return name.Split('`')[0] + "<" + string.Join(", ", type.GetGenericArguments().Select(Name)) + ">";
    }

    static string SourceDirectory([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
