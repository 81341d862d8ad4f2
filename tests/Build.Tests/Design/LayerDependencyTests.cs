using System.Reflection;
using System.Text.RegularExpressions;
using Build.Tests.Support;

namespace Build.Tests.Design;

/// <summary>
/// The layers of build/ (docs/design.md "Layers"): which top namespace may use which, checked against what the
/// compiled build uses (<see cref="NamespaceUses"/>), so no two folders depend on each other.
/// </summary>
public class LayerDependencyTests
{
    /// <summary>
    /// A layer: the namespaces in it (a namespace belongs to the layer naming its longest prefix; default: the layer's
    /// name) and the layers it may use.
    /// </summary>
    public sealed record Layer(string Name, string[] Uses, string[]? Namespaces = null)
    {
        public string[] Covers => Namespaces ?? [Name];
    }

    /// <summary>Bottom first: a layer uses only layers above it in this list. "Build" is the build class (no namespace).</summary>
    public static readonly Layer[] Layers =
    [
        new("Engine", []),
        new("Tooling", ["Engine"]),
        new("GitHub", ["Engine"]),
        new("Git", ["Engine", "Tooling", "GitHub"]),
        new("Versioning", ["Engine", "Tooling", "Git"]),
        new("Metadata", ["Engine", "GitHub"]),
        new("Docker", ["Engine", "Tooling"]),
        new("Registry", ["Engine", "Tooling", "Docker"]),
        new("Publishing", ["Engine", "Tooling", "GitHub", "Git", "Metadata", "Docker", "Registry"]),
        new("Signing", ["Engine", "Tooling", "GitHub", "Registry", "Publishing"]),
        new("Prune", ["Engine", "Tooling", "GitHub", "Metadata", "Registry", "Publishing"]),
        new("Smoke", ["Engine", "Tooling", "Docker", "Publishing"], ["Smoke", "Mlflow.Smoke"]),
        new("Workflows", ["Engine", "GitHub", "Publishing"]),
        new("Components", ["Engine", "Tooling", "GitHub", "Git", "Versioning", "Metadata", "Docker", "Registry", "Publishing", "Signing", "Prune", "Workflows"]),
        new("Mlflow", ["Engine", "Tooling", "GitHub", "Git", "Versioning", "Metadata", "Docker", "Registry", "Publishing", "Signing", "Smoke", "Workflows", "Components"]),
        new("Build", ["Engine", "Tooling", "GitHub", "Git", "Versioning", "Metadata", "Docker", "Registry", "Publishing", "Signing", "Prune", "Smoke", "Workflows", "Components", "Mlflow"]),
    ];

    static readonly Assembly BuildAssembly = Assembly.Load("_build");
    static readonly Assembly[] Ours = [BuildAssembly, typeof(NukeBuild).Assembly];

    /// <summary>The build's source files (not the engine's: its project compiles alone), relative to the repository.</summary>
    static readonly string[] SourceFiles = Directory.EnumerateFiles(Path.Combine(Repo.Root, "build"), "*.cs", SearchOption.AllDirectories)
        .Select(f => Path.GetRelativePath(Repo.Root, f).Replace('\\', '/'))
        .Where(f => !f.Split('/').Any(d => d is "bin" or "obj") && !f.StartsWith("build/Engine/", StringComparison.Ordinal))
        .Order(StringComparer.Ordinal).ToArray();

    // What the IL names, plus what only the source shows (constants, nameof, using directives).
    static readonly Lazy<IReadOnlyList<NamespaceUse>> Uses = new(() =>
        [.. NamespaceUses.Read(BuildAssembly, Ours), .. SourceNamespaceUses.Read(Repo.Root, SourceFiles, Ours)]);

    /// <summary>The layer a namespace is in: the one naming its longest prefix; null when none does.</summary>
    public static Layer? LayerOf(string ns) => Layers
        .SelectMany(l => l.Covers.Select(prefix => (Layer: l, Prefix: prefix)))
        .Where(c => ns == c.Prefix || ns.StartsWith(c.Prefix + ".", StringComparison.Ordinal))
        .OrderByDescending(c => c.Prefix.Length).Select(c => c.Layer).FirstOrDefault();

    [Fact]
    public void EveryUseIsAllowedByTheTable()
    {
        var offending = Uses.Value
            .Select(u => (Use: u, From: LayerOf(u.From), To: LayerOf(u.To)))
            .Where(x => x.From != null && x.To != null && x.From != x.To && !x.From.Uses.Contains(x.To.Name))
            .GroupBy(x => (x.Use.File, From: x.From!.Name, To: x.To!.Name))
            .Select(g => $"{g.Key.File} ({g.Key.From}) -> {g.Key.To}: {string.Join(", ", g.Select(x => x.Use.Type).Distinct())}")
            .ToList();
        Assert.True(offending.Count == 0,
            "Uses the layer table does not allow (move the type to the layer it belongs to, or change the table in " +
            "LayerDependencyTests and docs/design.md):\n" + string.Join("\n", offending));
    }

    [Fact]
    public void EveryNamespaceIsInALayer()
    {
        var namespaces = BuildAssembly.GetTypes().Select(NamespaceUses.NamespaceOf)
            .Where(ns => !ns.StartsWith("System", StringComparison.Ordinal) && !ns.StartsWith("Microsoft", StringComparison.Ordinal))
            .Concat(Uses.Value.SelectMany(u => new[] { u.From, u.To })).Distinct();
        Assert.DoesNotContain(namespaces, ns => LayerOf(ns) == null);
    }

    [Fact]
    public void TheTableListsEachLayerAfterTheLayersItUses()
    {
        var names = Layers.Select(l => l.Name).ToList();
        Assert.Equal(names.Count, names.Distinct().Count());
        var wrong = Layers.SelectMany((l, i) => l.Uses.Where(u => !names.Take(i).Contains(u)).Select(u => $"{l.Name} -> {u}"));
        Assert.Empty(wrong);
    }

    [Fact]
    public void TheLayersUsedHaveNoCycle()
    {
        var edges = Uses.Value
            .Select(u => (From: LayerOf(u.From)?.Name, To: LayerOf(u.To)?.Name))
            .Where(e => e.From != null && e.To != null && e.From != e.To)
            .Select(e => (e.From!, e.To!)).Distinct().ToList();
        Assert.Empty(LayerGraph.Cycles(edges).Select(cycle => string.Join(" -> ", cycle)));
    }

    [Fact]
    public void EachFileDeclaresTheNamespaceOfItsFolder()
    {
        var root = Path.Combine(Repo.Root, "build");
        var wrong = Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .Where(f => !f.Split('/').Any(d => d is "bin" or "obj"))
            .Select(f => (File: f, Folder: Path.GetDirectoryName(f)!.Replace('/', '.'),
                          Namespace: Regex.Match(File.ReadAllText(Path.Combine(root, f)), @"^namespace\s+([\w.]+)", RegexOptions.Multiline).Groups[1].Value))
            .Where(f => f.Folder != f.Namespace)
            .Select(f => $"build/{f.File}: namespace '{f.Namespace}', folder '{f.Folder}'");
        Assert.Empty(wrong);
    }

    [Fact]
    public void TheDesignPageShowsTheTable()
    {
        var page = File.ReadAllText(Path.Combine(Repo.Root, "docs", "design.md"));
        var section = page[page.IndexOf("## Layers", StringComparison.Ordinal)..];
        section = section.IndexOf("\n## ", 1, StringComparison.Ordinal) is var next and > 0 ? section[..next] : section;
        var rows = Regex.Matches(section, @"^\| `(\w+)` \|[^|]*\| ([^|]*) \|$", RegexOptions.Multiline)
            .Select(m => m.Groups[1].Value + ": " + string.Join(", ", Regex.Matches(m.Groups[2].Value, @"`(\w+)`").Select(n => n.Groups[1].Value)))
            .ToList();
        Assert.Equal(Layers.AsEnumerable().Reverse().Select(l => l.Name + ": " + string.Join(", ", l.Uses)), rows);
    }
}
