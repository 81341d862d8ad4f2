namespace Metadata;

/// <summary>
/// What the Tag target computed, in docker/metadata-action's output shapes. Later targets
/// (DockerBuildx, the summary) read it from the build state.
/// </summary>
internal sealed record MetadataOutput
{
    /// <summary>The `version` output ("" when no tag was produced).</summary>
    public string Version { get; init; } = "";

    /// <summary>Full references image:tag, in the action's order (the `tags` output).</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Tag names only (the `tag-names` output).</summary>
    public IReadOnlyList<string> TagNames { get; init; } = [];

    /// <summary>Images (lower-cased names) the tags were computed for.</summary>
    public IReadOnlyList<string> Images { get; init; } = [];

    /// <summary>"key=value" OCI labels, sorted (the `labels` output).</summary>
    public IReadOnlyList<string> Labels { get; init; } = [];

    /// <summary>"level:key=value" annotations (the `annotations` output).</summary>
    public IReadOnlyList<string> Annotations { get; init; } = [];

    /// <summary>The version's further values, after the main one (the action's version.partial).</summary>
    public IReadOnlyList<string> PartialVersions { get; init; } = [];

    /// <summary>Whether a latest tag was added.</summary>
    public bool Latest { get; init; }

    /// <summary>"key=value" annotations without level prefixes, sorted.</summary>
    public IReadOnlyList<string> AnnotationEntries { get; init; } = [];

    /// <summary>The annotation levels (DOCKER_METADATA_ANNOTATIONS_LEVELS, default manifest).</summary>
    public IReadOnlyList<string> AnnotationLevels { get; init; } = ["manifest"];

    /// <summary>Warnings the computation raised (invalid semver, changed tags, ...), in order.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}
