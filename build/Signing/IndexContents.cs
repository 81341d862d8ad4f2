using System.Text.Json.Nodes;
using Registry;

namespace Signing;

/// <summary>A platform manifest of an index and what BuildKit attached to it in its attestation manifest.</summary>
internal sealed record PlatformEntry(string Platform, string Digest, IReadOnlyList<string> PredicateTypes, string? ProvenanceLayer)
{
    public bool HasProvenance => PredicateTypes.Any(t => t.StartsWith("https://slsa.dev/provenance/", StringComparison.Ordinal));
    public bool HasSbom => PredicateTypes.Any(t => t.StartsWith("https://spdx.dev/", StringComparison.Ordinal) || t.Contains("cyclonedx", StringComparison.OrdinalIgnoreCase));
}

/// <summary>
/// An index read through the registry API: its platform manifests and, for each, the predicate types of the
/// attestation manifest BuildKit points at it (annotations vnd.docker.reference.type/digest). Attestation
/// manifests are never platforms: they are neither signed nor listed.
/// </summary>
internal sealed record IndexContents(string Digest, bool IsIndex, IReadOnlyList<PlatformEntry> Platforms)
{
    const string ReferenceType = "vnd.docker.reference.type";
    const string ReferenceDigest = "vnd.docker.reference.digest";
    const string PredicateTypeAnnotation = "in-toto.io/predicate-type";

    public static async Task<IndexContents?> ReadAsync(RegistryApi api, string reference)
    {
        if (await api.ManifestAsync(reference) is not { } read) return null;
        var (digest, manifest) = (read.Digest, read.Json);
        if (manifest["manifests"] is not JsonArray entries) return new IndexContents(digest, false, []);
        var attestations = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in entries)
            if (entry?["annotations"]?[ReferenceType]?.GetValue<string>() == "attestation-manifest"
                && entry["annotations"]?[ReferenceDigest]?.GetValue<string>() is { } subject)
                attestations[subject] = entry["digest"]!.GetValue<string>();
        var platforms = new List<PlatformEntry>();
        foreach (var entry in entries)
        {
            var platform = PlatformName(entry?["platform"]);
            if (platform is null || platform.StartsWith("unknown", StringComparison.Ordinal)) continue;
            var platformDigest = entry!["digest"]!.GetValue<string>();
            var (types, provenance) = attestations.TryGetValue(platformDigest, out var attestation)
                ? await PredicatesAsync(api, attestation) : ([], null);
            platforms.Add(new PlatformEntry(platform, platformDigest, types, provenance));
        }
        return new IndexContents(digest, true, platforms);
    }

    static async Task<(IReadOnlyList<string>, string?)> PredicatesAsync(RegistryApi api, string attestationDigest)
    {
        if ((await api.ManifestAsync(attestationDigest))?.Json is not { } manifest) return ([], null);
        var layers = (manifest["layers"] as JsonArray ?? []).Select(l => (Type: l?["annotations"]?[PredicateTypeAnnotation]?.GetValue<string>(), Digest: l?["digest"]?.GetValue<string>()))
            .Where(l => l.Type is not null).ToList();
        var provenance = layers.FirstOrDefault(l => l.Type!.StartsWith("https://slsa.dev/provenance/", StringComparison.Ordinal)).Digest;
        return (layers.Select(l => l.Type!).ToList(), provenance);
    }

    static string? PlatformName(JsonNode? platform) =>
        platform?["os"]?.GetValue<string>() is not { } os ? null
        : string.Join('/', new[] { os, platform["architecture"]?.GetValue<string>(), platform["variant"]?.GetValue<string>() }.Where(p => p is { Length: > 0 }));
}
