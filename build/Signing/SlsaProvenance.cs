using System.Text.Json.Nodes;

namespace Signing;

/// <summary>An image a platform was built from, as BuildKit resolved it (its provenance's materials).</summary>
internal sealed record ResolvedImage(string Uri, string Digest);

/// <summary>One platform of the index: its digest and the base image digest it was built on.</summary>
internal sealed record PlatformProvenance(string Platform, string Digest, IReadOnlyList<ResolvedImage> BaseImages);

/// <summary>The facts the index attestation states, gathered at the edge (git, GitHub context, registry).</summary>
internal sealed record ProvenanceFacts
{
    /// <summary>e.g. https://github.com/owner/repo, or the local path when there is no remote.</summary>
    public required string SourceRepository { get; init; }
    public required string Commit { get; init; }
    public string? Ref { get; init; }
    /// <summary>The workflow run URL on GitHub Actions, else the host name.</summary>
    public required string Invocation { get; init; }
    public required string BuilderId { get; init; }
    public IReadOnlyList<string> BuildArgs { get; init; } = [];
    public IReadOnlyList<PlatformProvenance> Platforms { get; init; } = [];
    public DateTimeOffset? StartedOn { get; init; }
}

/// <summary>
/// The SLSA provenance v1 predicate (https://slsa.dev/provenance/v1) for the index: what was built from which
/// source, with which build arguments, on which resolved base image per platform. Pure; the caller writes the file.
/// </summary>
internal static class SlsaProvenance
{
    public const string PredicateType = "https://slsa.dev/provenance/v1";
    /// <summary>Names this build's own recipe (build/, Publish target); SLSA asks for a URI saying how to read externalParameters, and a URN claims no web address.</summary>
    public const string BuildType = "urn:container-image-build:publish:v1";

    public static JsonObject Predicate(ProvenanceFacts facts)
    {
        var source = new JsonObject { ["repository"] = facts.SourceRepository, ["commit"] = facts.Commit };
        if (facts.Ref is { Length: > 0 } gitRef) source["ref"] = gitRef;
        var buildArgs = new JsonObject();
        foreach (var pair in facts.BuildArgs)
        {
            var split = pair.IndexOf('=');
            buildArgs[split < 0 ? pair : pair[..split]] = split < 0 ? "" : pair[(split + 1)..];
        }
        var dependencies = new JsonArray
        {
            new JsonObject
            {
                ["uri"] = $"git+{facts.SourceRepository}" + (facts.Ref is { Length: > 0 } r ? $"@{r}" : ""),
                ["digest"] = new JsonObject { ["gitCommit"] = facts.Commit },
            },
        };
        foreach (var platform in facts.Platforms)
            foreach (var image in platform.BaseImages)
                dependencies.Add(new JsonObject
                {
                    ["uri"] = image.Uri, ["name"] = $"base image ({platform.Platform})", ["digest"] = DigestObject(image.Digest),
                    ["annotations"] = new JsonObject { ["platform"] = platform.Platform },
                });
        var metadata = new JsonObject { ["invocationId"] = facts.Invocation };
        if (facts.StartedOn is { } started) metadata["startedOn"] = started.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ");
        return new JsonObject
        {
            ["buildDefinition"] = new JsonObject
            {
                ["buildType"] = BuildType,
                ["externalParameters"] = new JsonObject
                {
                    ["source"] = source,
                    ["buildArgs"] = buildArgs,
                    ["platforms"] = new JsonArray(facts.Platforms.Select(p => (JsonNode)JsonValue.Create(p.Platform)!).ToArray()),
                },
                ["resolvedDependencies"] = dependencies,
            },
            ["runDetails"] = new JsonObject
            {
                ["builder"] = new JsonObject { ["id"] = facts.BuilderId },
                ["metadata"] = metadata,
                ["byproducts"] = new JsonArray(facts.Platforms.Select(p => (JsonNode)new JsonObject
                {
                    ["name"] = p.Platform, ["digest"] = DigestObject(p.Digest),
                }).ToArray()),
            },
        };
    }

    /// <summary>
    /// The base images one platform was built from, read from BuildKit's own provenance statement (v0.2
    /// <c>materials</c> or v1 <c>resolvedDependencies</c>): the container images among them.
    /// </summary>
    /// <summary>Images BuildKit ran as tools, not built upon: the Dockerfile frontend (# syntax=) and the SBOM scanner.</summary>
    static readonly string[] ToolImages = ["pkg:docker/docker/dockerfile", "pkg:docker/docker/buildkit-syft-scanner"];

    public static IReadOnlyList<ResolvedImage> BaseImagesFrom(JsonNode? statement)
    {
        var predicate = statement?["predicate"];
        var entries = (predicate?["materials"] as JsonArray) ?? (predicate?["buildDefinition"]?["resolvedDependencies"] as JsonArray) ?? [];
        return entries
            .Select(e => (Uri: e?["uri"]?.GetValue<string>(), Digest: e?["digest"]?["sha256"]?.GetValue<string>()))
            .Where(e => e.Uri is { } uri && uri.StartsWith("pkg:docker/", StringComparison.Ordinal) && e.Digest is not null
                        && !ToolImages.Any(tool => uri.StartsWith(tool, StringComparison.Ordinal)))
            .Select(e => new ResolvedImage(e.Uri!, "sha256:" + e.Digest))
            .ToList();
    }

    static JsonObject DigestObject(string digest)
    {
        var split = digest.IndexOf(':');
        return new JsonObject { [split < 0 ? "sha256" : digest[..split]] = split < 0 ? digest : digest[(split + 1)..] };
    }
}
