namespace Docker;

/// <summary>The per-platform images DockerBuildx pushed, waiting for Merge to put them under the tags.</summary>
public sealed record PushedPlatforms(string Image, IReadOnlyList<PlatformImage> Platforms);

/// <summary>What DockerBuildx/Merge produced, for the summary and step outputs (kept in the build state).</summary>
public sealed record ImagePublication
{
    /// <summary>registry/name without tag.</summary>
    public required string Image { get; init; }
    public bool Pushed { get; init; }
    /// <summary>The multi-platform index (pushed) or the loaded image's digest; null for a dry run or an archive.</summary>
    public string? Digest { get; init; }
    public IReadOnlyList<string> Tags { get; init; } = [];
    public IReadOnlyList<PlatformImage> Platforms { get; init; } = [];
    /// <summary>The OCI archive written for several platforms without push.</summary>
    public string? Archive { get; init; }
    /// <summary>Why nothing was pushed; null when pushed.</summary>
    public string? NotPushedReason { get; init; }
}
