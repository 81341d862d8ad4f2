using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Registry;

namespace Prune;

/// <summary>
/// The registry side: reads every version's manifest to learn the graph (index children, referrer subjects), and
/// after deleting reads every kept tag back down to its blobs. Both through the distribution API, as a pull would,
/// and both by media type: only index and manifest descriptors are read as manifests; layers, configs and cache
/// configs are blobs. A build cache index (its entries are blobs) is thus one kept root, not a tree of manifests.
/// </summary>
internal sealed class RegistryGraph(Func<RegistryApi> connect, CancellationToken cancel = default)
{
    public async Task<ManifestGraph> ReadAsync(IReadOnlyList<PackageVersion> versions)
    {
        var children = new ConcurrentDictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var subjects = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        using var registry = connect();
        async ValueTask Read(PackageVersion version, CancellationToken token)
        {
            if ((await registry.ManifestAsync(version.Digest).WaitAsync(token))?.Json is not { } manifest) return;
            if (Manifests(manifest["manifests"]) is { Count: > 0 } listed) children[version.Digest] = listed;
            if (Text(manifest["subject"]?["digest"]) is { } subject) subjects[version.Digest] = subject;
        }
        // The first read settles the registry's auth challenge; then a few at a time.
        if (versions.Count > 0) await Read(versions[0], cancel);
        await Parallel.ForEachAsync(versions.Skip(1), new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancel }, Read);
        return new ManifestGraph(children, subjects);
    }

    /// <summary>Every tag, read like a pull on every platform: each manifest it reaches, and each blob (HEAD). Problems found, empty when all pull.</summary>
    public async Task<IReadOnlyList<string>> ReadBackAsync(IEnumerable<string> tags)
    {
        using var registry = connect();
        var problems = new List<string>();
        var seenBlobs = new HashSet<string>(StringComparer.Ordinal);
        var seenManifests = new HashSet<string>(StringComparer.Ordinal);
        async Task Walk(string tag, string where, JsonObject manifest)
        {
            foreach (var (digest, mediaType) in Descriptors(manifest["manifests"]))
            {
                if (!RegistryApi.IsManifestMediaType(mediaType)) await Blob(where, digest);
                else if (!seenManifests.Add(digest)) continue;
                else if ((await registry.ManifestAsync(digest).WaitAsync(cancel))?.Json is { } child) await Walk(tag, $"{tag} → {PlanTable.Short(digest)}", child);
                else problems.Add($"{where}: its index lists {digest}, which the registry no longer has");
            }
            if (manifest["config"]?["digest"]?.GetValue<string>() is { } config) await Blob(where, config);
            foreach (var (layer, _) in Descriptors(manifest["layers"])) await Blob(where, layer);
        }
        async Task Blob(string where, string digest)
        {
            if (!seenBlobs.Add(digest) || await registry.BlobExistsAsync(digest).WaitAsync(cancel)) return;
            seenBlobs.Remove(digest);
            problems.Add($"{where}: blob {digest} is missing");
        }
        foreach (var tag in tags.Distinct().Order(StringComparer.Ordinal))
        {
            if ((await registry.ManifestAsync(tag).WaitAsync(cancel))?.Json is not { } top) problems.Add($"{tag}: the registry has no manifest for it");
            else await Walk(tag, tag, top);
        }
        return problems;
    }

    /// <summary>The registry's own tag list (every page).</summary>
    public async Task<IReadOnlyList<string>> TagsAsync()
    {
        using var registry = connect();
        return await registry.TagsAsync().WaitAsync(cancel);
    }

    /// <summary>
    /// --registry-only: the tagged versions as the registry alone shows them (its tag list, each tag's digest), dated
    /// by the image's created annotation or config; ids are negative row numbers. Untagged manifests are not listed.
    /// </summary>
    public async Task<IReadOnlyList<PackageVersion>> TaggedVersionsAsync(DateTimeOffset now)
    {
        using var registry = connect();
        var byDigest = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var tag in (await registry.TagsAsync().WaitAsync(cancel)).Distinct().Order(StringComparer.Ordinal))
            if (await registry.ResolveAsync(tag).WaitAsync(cancel) is { } digest)
                (byDigest.TryGetValue(digest, out var list) ? list : byDigest[digest] = []).Add(tag);
        var versions = new List<PackageVersion>();
        foreach (var (digest, tags) in byDigest)
            versions.Add(new(-(versions.Count + 1), digest, tags, await CreatedAsync(registry, digest) ?? now));
        return versions;
    }

    /// <summary>When the image was made: its annotation, else its config's created (an index: its first platform's); null when neither says.</summary>
    async Task<DateTimeOffset?> CreatedAsync(RegistryApi registry, string digest, int depth = 0)
    {
        if (depth > 2 || (await registry.ManifestAsync(digest).WaitAsync(cancel))?.Json is not { } manifest) return null;
        if (Date(manifest["annotations"]?["org.opencontainers.image.created"]) is { } annotated) return annotated;
        if (Text(manifest["config"]?["digest"]) is { } config)
        {
            try { return Date((await registry.JsonBlobAsync(config).WaitAsync(cancel))?["created"]); }
            catch (Exception e) when (e is HttpRequestException or System.Text.Json.JsonException) { return null; } // a cache config is no JSON image config
        }
        return Manifests(manifest["manifests"]).FirstOrDefault() is { } child ? await CreatedAsync(registry, child, depth + 1) : null;
    }

    static DateTimeOffset? Date(JsonNode? node) =>
        Text(node) is { } text && DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var date) ? date : null;

    /// <summary>The children an index lists that are manifests or indexes (a descriptor without a media type counts: kept rather than missed).</summary>
    static List<string> Manifests(JsonNode? list) =>
        Descriptors(list).Where(d => d.MediaType is null || RegistryApi.IsManifestMediaType(d.MediaType)).Select(d => d.Digest).ToList();

    static IEnumerable<(string Digest, string? MediaType)> Descriptors(JsonNode? list) =>
        (list as JsonArray ?? []).OfType<JsonObject>()
            .Select(entry => (Digest: Text(entry["digest"]), MediaType: Text(entry["mediaType"])))
            .Where(d => d.Digest is not null).Select(d => (d.Digest!, d.MediaType));

    static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
