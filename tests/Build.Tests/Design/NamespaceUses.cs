using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;

namespace Build.Tests.Design;

/// <summary>One use of a type in another namespace: the source file it is in and the type it names.</summary>
public sealed record NamespaceUse(string File, string From, string To, string Type);

/// <summary>
/// What the compiled build uses, read from its assembly rather than its source, so that global usings, implicit
/// usings and fully qualified names all count: signatures, attributes, fields, locals and every type, method and
/// field a method body names (lambdas and async bodies are compiler-made nested types of the type that wrote them).
/// The portable PDB says which source file each method came from.
/// </summary>
public static class NamespaceUses
{
    const BindingFlags Declared = BindingFlags.DeclaredOnly | BindingFlags.Public | BindingFlags.NonPublic |
                                  BindingFlags.Instance | BindingFlags.Static;

    // Types a compiler embeds or invents (<PrivateImplementationDetails>, anonymous types) are nobody's code.
    static bool IsOurs(Type type, Assembly[] ours) =>
        ours.Contains(type.Assembly) && !Outermost(type).Name.StartsWith('<') &&
        !(type.Namespace ?? "").StartsWith("System", StringComparison.Ordinal) &&
        !(type.Namespace ?? "").StartsWith("Microsoft", StringComparison.Ordinal);

    static Type Outermost(Type type)
    {
        while (type.DeclaringType != null) type = type.DeclaringType;
        return type;
    }

    /// <summary>The namespace a type is in; a type in no namespace (the build class) is "Build".</summary>
    public static string NamespaceOf(Type type) => Outermost(type).Namespace is { Length: > 0 } ns ? ns : "Build";

    /// <summary>Every use, from a type of <paramref name="assembly"/>, of a type of <paramref name="ours"/> in another namespace.</summary>
    public static IReadOnlyList<NamespaceUse> Read(Assembly assembly, params Assembly[] ours) =>
        Read(assembly, assembly.GetTypes().Where(t => IsOurs(t, [assembly])), ours);

    /// <summary>Every use, from <paramref name="types"/> (all of <paramref name="assembly"/>), of a type of <paramref name="ours"/> in another namespace.</summary>
    public static IReadOnlyList<NamespaceUse> Read(Assembly assembly, IEnumerable<Type> types, params Assembly[] ours)
    {
        using var pdb = Pdb.Open(assembly);
        var uses = new HashSet<NamespaceUse>();
        foreach (var type in types)
        {
            var from = NamespaceOf(type);
            var typeFiles = pdb.FilesOf(type);
            void Add(IEnumerable<string> files, Type? used)
            {
                foreach (var t in Expand(used).Where(t => IsOurs(t, ours)))
                    if (NamespaceOf(t) is var to && to != from)
                        foreach (var file in files)
                            uses.Add(new NamespaceUse(file, from, to, t.FullName ?? t.Name));
            }

            Add(typeFiles, type.BaseType);
            foreach (var i in type.GetInterfaces()) Add(typeFiles, i);
            foreach (var a in AttributeTypes(type.CustomAttributes)) Add(typeFiles, a);
            foreach (var f in type.GetFields(Declared))
            {
                Add(typeFiles, f.FieldType);
                foreach (var a in AttributeTypes(f.CustomAttributes)) Add(typeFiles, a);
            }
            foreach (var p in type.GetProperties(Declared))
            {
                Add(typeFiles, p.PropertyType);
                foreach (var a in AttributeTypes(p.CustomAttributes)) Add(typeFiles, a);
            }
            foreach (var m in type.GetMethods(Declared).Cast<MethodBase>().Concat(type.GetConstructors(Declared)))
            {
                var files = pdb.FilesOf(m) is { Count: > 0 } own ? own : typeFiles;
                if (m is MethodInfo mi) Add(files, mi.ReturnType);
                foreach (var p in m.GetParameters()) Add(files, p.ParameterType);
                foreach (var a in AttributeTypes(m.CustomAttributes)) Add(files, a);
                foreach (var used in BodyTypes(m)) Add(files, used);
            }
        }
        return uses.OrderBy(u => u.File, StringComparer.Ordinal).ThenBy(u => u.To).ThenBy(u => u.Type).ToList();
    }

    static IEnumerable<Type> AttributeTypes(IEnumerable<CustomAttributeData> attributes) =>
        attributes.SelectMany(a => new[] { a.AttributeType }
            .Concat(a.ConstructorArguments.Concat(a.NamedArguments.Select(n => n.TypedValue))
                .Select(v => v.Value as Type).OfType<Type>()));

    // Generic arguments, arrays, by-refs and pointers name the types inside them.
    static IEnumerable<Type> Expand(Type? type)
    {
        if (type == null || type.IsGenericParameter) yield break;
        if (type.HasElementType)
        {
            foreach (var t in Expand(type.GetElementType())) yield return t;
            yield break;
        }
        yield return type.IsGenericType ? type.GetGenericTypeDefinition() : type;
        if (type.IsGenericType)
            foreach (var t in type.GetGenericArguments().SelectMany(Expand)) yield return t;
    }

    static IEnumerable<Type> BodyTypes(MethodBase method)
    {
        var body = method.GetMethodBody();
        if (body == null) yield break;
        foreach (var local in body.LocalVariables) yield return local.LocalType;
        foreach (var clause in body.ExceptionHandlingClauses)
            if (clause.Flags == ExceptionHandlingClauseOptions.Clause) yield return clause.CatchType!;
        var typeArgs = method.DeclaringType!.IsGenericType ? method.DeclaringType.GetGenericArguments() : null;
        var methodArgs = method.IsGenericMethod ? method.GetGenericArguments() : null;
        foreach (var (_, token) in IlTokens.Of(body.GetILAsByteArray()!))
            switch (method.Module.ResolveMember(token, typeArgs, methodArgs))
            {
                case Type t: yield return t; break;
                case MethodBase m:
                    yield return m.DeclaringType!;
                    if (m.IsGenericMethod) foreach (var a in m.GetGenericArguments()) yield return a;
                    break;
                case FieldInfo f: yield return f.DeclaringType!; yield return f.FieldType; break;
            }
    }

    /// <summary>The source files of methods and types, from the assembly's portable PDB, relative to the repository.</summary>
    sealed class Pdb : IDisposable
    {
        // Portable PDB: the documents of a type that has no method with code (an interface, an enum, a record with no body).
        static readonly Guid TypeDefinitionDocuments = new("932E74BC-DBA9-4478-8D46-0F32A7BAB3D3");
        readonly MetadataReaderProvider provider;
        readonly MetadataReader reader;
        readonly string root;
        readonly Dictionary<Type, HashSet<string>> typeFiles = [];

        Pdb(MetadataReaderProvider provider, string root)
        {
            this.provider = provider;
            reader = provider.GetMetadataReader();
            this.root = root;
        }

        public static Pdb Open(Assembly assembly) =>
            new(MetadataReaderProvider.FromPortablePdbStream(File.OpenRead(Path.ChangeExtension(assembly.Location, ".pdb"))),
                Support.Repo.Root);

        public void Dispose() => provider.Dispose();

        public IReadOnlyCollection<string> FilesOf(MethodBase method)
        {
            var info = reader.GetMethodDebugInformation(MetadataTokens.MethodDefinitionHandle(method.MetadataToken & 0xFFFFFF));
            if (!info.Document.IsNil) return [Name(info.Document)];
            return info.SequencePointsBlob.IsNil ? [] : info.GetSequencePoints().Select(s => Name(s.Document)).ToHashSet();
        }

        /// <summary>The files of a type's own code; for a compiler-made nested type with none, its outer type's.</summary>
        public IReadOnlyCollection<string> FilesOf(Type type)
        {
            if (typeFiles.TryGetValue(type, out var known)) return known;
            var files = Own(type);
            // A source generator's half of a partial type (obj/.../RegexGenerator.g.cs) is not where its fields are declared.
            if (files.Any(f => !f.Contains("/obj/"))) files.RemoveWhere(f => f.Contains("/obj/"));
            if (files.Count == 0 && type.DeclaringType != null) files = [.. FilesOf(type.DeclaringType)];
            if (files.Count == 0) files.Add(type.FullName!);
            return typeFiles[type] = files;
        }

        HashSet<string> Own(Type type)
        {
            var files = new HashSet<string>();
            foreach (var t in new[] { type }.Concat(Nested(type)))
                foreach (var m in t.GetMethods(Declared).Cast<MethodBase>().Concat(t.GetConstructors(Declared)))
                    files.UnionWith(FilesOf(m));
            var handle = MetadataTokens.TypeDefinitionHandle(type.MetadataToken & 0xFFFFFF);
            foreach (var c in reader.GetCustomDebugInformation(handle).Select(reader.GetCustomDebugInformation))
            {
                if (reader.GetGuid(c.Kind) != TypeDefinitionDocuments) continue;
                var blob = reader.GetBlobReader(c.Value);
                while (blob.RemainingBytes > 0) files.Add(Name(MetadataTokens.DocumentHandle(blob.ReadCompressedInteger())));
            }
            return files;
        }

        static IEnumerable<Type> Nested(Type type) =>
            type.GetNestedTypes(BindingFlags.Public | BindingFlags.NonPublic).SelectMany(n => new[] { n }.Concat(Nested(n)));

        string Name(DocumentHandle handle) =>
            Path.GetRelativePath(root, reader.GetString(reader.GetDocument(handle).Name)).Replace('\\', '/');
    }
}
