namespace Metadata;

/// <summary>
/// The action's inputs, already split into entries (one tag rule, image, flavor line, label per element);
/// <see cref="Input.ActionInputList"/> splits raw multi-line input the way the action does.
/// </summary>
internal sealed record MetadataInputs
{
    public IReadOnlyList<string> Images { get; init; } = [];
    /// <summary>Empty means the action's default rules (schedule, ref branch/tag/pr).</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];
    public IReadOnlyList<string> Flavor { get; init; } = [];
    public IReadOnlyList<string> Labels { get; init; } = [];
    public IReadOnlyList<string> Annotations { get; init; } = [];
    public string SepTags { get; init; } = "\n";
    public string SepLabels { get; init; } = "\n";
    public string SepAnnotations { get; init; } = "\n";
    public string BakeTarget { get; init; } = "docker-metadata-action";
}
