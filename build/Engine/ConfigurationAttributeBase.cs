namespace Engine;

/// <summary>
/// A class-level attribute that generates a CI configuration file from the build (NUKE's generators).
/// Local runs regenerate every one with AutoGenerate; <c>--generate-configuration &lt;Id&gt;</c> runs one.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true)]
public abstract class ConfigurationAttributeBase : Attribute
{
    public abstract string Id { get; }

    public bool AutoGenerate { get; set; } = true;

    public abstract IEnumerable<GeneratedFile> Generate(BuildDescription build);
}

/// <summary>A file a generator writes, relative to the root, '/'-separated.</summary>
public sealed record GeneratedFile(string RelativePath, string Content);

/// <summary>What generators may know of the build: its type, targets and parameters.</summary>
public sealed record BuildDescription(
    Type BuildType,
    AbsolutePath RootDirectory,
    IReadOnlyList<TargetDescription> Targets,
    IReadOnlyList<ParameterDescription> Parameters);

public sealed record TargetDescription(string Name, string? Description, IReadOnlyList<string> DependsOn, bool Unlisted, bool IsDefault)
{
    /// <summary>Globs of the files the target writes (Produces), relative to the root.</summary>
    public IReadOnlyList<string> Produces { get; init; } = [];
}

public sealed record ParameterDescription(string Name, string? Description, Type Type, bool IsSecret);
