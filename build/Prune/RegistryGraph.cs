using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Docker;

namespace Prune;

/// <summary>
/// The registry side: reads every version's manifest to learn the graph (index children, referrer subjects), and
/// after deleting reads every kept tag back down to its blobs. Both through the distribution API, as a pull would.
/// </summary>
internal sealed class RegistryGraph(Func<RegistryApi> connect)
{
    public async Task<ManifestGraph> ReadAsync(IReadOnlyList<PackageVersion> versions)
    {
        var children = new ConcurrentDictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var subjects = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        using var registry = connect();
        async ValueTask Read(PackageVersion version, CancellationToken _)
        {
            if ((await registry.ManifestAsync(version.Digest))?.Json is not { } manifest) return;
            if (Digests(manifest["manifests"]) is { Count: > 0 } listed) children[version.Digest] = listed;
            if (manifest["subject"]?["digest"]?.GetValue<string>() is { } subject) subjects[version.Digest] = subject;
        }
        // The first read settles the registry's auth challenge; then a few at a time.
        if (versions.Count > 0) await Read(versions[0], default);
        await Parallel.ForEachAsync(versions.Skip(1), new ParallelOptions { MaxDegreeOfParallelism = 4 }, Read);
        return new ManifestGraph(children, subjects);
    }

    /// <summary>Every tag, read like a pull on every platform: manifest, each child, each config and layer (HEAD). Problems found, empty when all pull.</summary>
    public async Task<IReadOnlyList<string>> ReadBackAsync(IEnumerable<string> tags)
    {
        using var registry = connect();
        var problems = new List<string>();
        var seenBlobs = new HashSet<string>(StringComparer.Ordinal);
        foreach (var tag in tags.Distinct().Order(StringComparer.Ordinal))
        {
            if ((await registry.ManifestAsync(tag))?.Json is not { } top) { problems.Add($"{tag}: the registry has no manifest for it"); continue; }
            var manifests = new List<(string Where, JsonObject Manifest)> { (tag, top) };
            foreach (var child in Digests(top["manifests"]))
            {
                if ((await registry.ManifestAsync(child))?.Json is { } manifest) manifests.Add(($"{tag} → {PlanTable.Short(child)}", manifest));
                else problems.Add($"{tag}: its index lists {child}, which the registry no longer has");
            }
            foreach (var (where, manifest) in manifests)
                foreach (var blob in Digests(manifest["layers"]).Prepend(manifest["config"]?["digest"]?.GetValue<string>()).OfType<string>())
                    if (seenBlobs.Add(blob) && !await registry.BlobExistsAsync(blob))
                    {
                        seenBlobs.Remove(blob);
                        problems.Add($"{where}: blob {blob} is missing");
                    }
        }
        return problems;
    }

    static List<string> Digests(JsonNode? list) =>
        (list as JsonArray)?.Select(entry => entry?["digest"]?.GetValue<string>()).OfType<string>().ToList() ?? [];
}
