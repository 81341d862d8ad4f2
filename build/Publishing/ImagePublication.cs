using Registry;

namespace Publishing;

/// <summary>The per-platform images DockerBuildx pushed, waiting for Merge to put them under the tags.</summary>
internal sealed record PushedPlatforms(string Image, IReadOnlyList<PlatformImage> Platforms);

/// <summary>
/// Staging tags this run pushed (or was pushing: an empty digest) that CleanStaging must remove, unless they wait
/// for the Merge of a later job (per-platform runners hand them over through --digests-directory).
/// </summary>
internal sealed record StagingInRegistry(string Image, IReadOnlyList<PlatformImage> Platforms, bool WaitsForMerge)
{
    public static StagingInRegistry None { get; } = new("", [], false);
}

/// <summary>What DockerBuildx/Merge produced, for the summary and step outputs (kept in the build state).</summary>
internal sealed record ImagePublication
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
    /// <summary>A rebuild whose platform images the tags already held: no tag moved; the index digest they keep.</summary>
    public string? UnchangedSince { get; init; }
    /// <summary>With <see cref="UnchangedSince"/>, when nothing was built: the input fingerprint the index carries, and its base digest(s).</summary>
    public InputFingerprint? UnchangedInputs { get; init; }
}

/// <summary>The index Merge published: its digest and the image each platform pulls (attestations left out).</summary>
internal sealed record PublishedIndex(string Digest, IReadOnlyList<PlatformImage> Platforms)
{
    /// <summary>From <c>imagetools inspect --format '{{json .Manifest}}'</c> (or the raw index with its digest).</summary>
    public static PublishedIndex Parse(string descriptorJson)
    {
        var root = System.Text.Json.Nodes.JsonNode.Parse(descriptorJson) ?? throw new FormatException("empty index descriptor");
        var platforms = (root["manifests"] as System.Text.Json.Nodes.JsonArray ?? [])
            .Where(m => m?["platform"]?["os"]?.GetValue<string>() is { } os && os != "unknown")
            .Select(m => new PlatformImage(
                string.Join('/', new[] { m!["platform"]!["os"], m["platform"]!["architecture"], m["platform"]!["variant"] }.Where(p => p is not null).Select(p => p!.GetValue<string>())),
                m["digest"]!.GetValue<string>()))
            .ToList();
        return new PublishedIndex(root["digest"]?.GetValue<string>() ?? throw new FormatException("the index descriptor has no digest"), platforms);
    }

    /// <summary>From the index's own bytes (its digest is theirs).</summary>
    public static PublishedIndex FromManifest(ManifestBytes manifest)
    {
        var root = System.Text.Json.Nodes.JsonNode.Parse(manifest.Bytes)!.AsObject();
        root["digest"] = manifest.Digest;
        return Parse(root.ToJsonString());
    }
}
