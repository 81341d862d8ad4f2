using System.Net;
using Registry;

namespace Publishing;

/// <summary>
/// Deletes the staging tags of platforms the docker driver could not push by digest, after a Merge and on every
/// path that failed after pushing. The registry API deletes manifests (and with them every tag on them), so a
/// staging manifest that any final tag (as it is now: moved or not) is, or lists, is never deleted. ghcr.io only
/// deletes through GitHub's packages API: there the tag is left with a warning. Trouble here is a warning, never
/// a failure: the tags have already moved, or the run failed for a better reason.
/// </summary>
internal sealed class StagingCleanup(bool dryRun)
{
    /// <param name="finalTags">Tag names (or digests) whose manifests must survive.</param>
    public Task RemoveAsync(string image, IReadOnlyList<PlatformImage> platforms, IReadOnlyList<string> finalTags, Func<RegistryApi> registry) =>
        RemoveAsync(image, platforms, finalTags, registry, null, owned: true);

    /// <summary>With the caller's registry connection; <paramref name="stillNeeded"/>: the digests the final tags are known to need (then they are not read again).</summary>
    public Task RemoveAsync(string image, IReadOnlyList<PlatformImage> platforms, IReadOnlyList<string> finalTags, RegistryApi api, IReadOnlyCollection<string>? stillNeeded) =>
        RemoveAsync(image, platforms, finalTags, () => api, stillNeeded, owned: false);

    async Task RemoveAsync(string image, IReadOnlyList<PlatformImage> platforms, IReadOnlyList<string> finalTags, Func<RegistryApi> registry, IReadOnlyCollection<string>? stillNeeded, bool owned)
    {
        // One solve pushes every platform under one staging tag.
        var staged = platforms.Where(p => p.StagingTag is not null).DistinctBy(p => p.StagingTag).ToList();
        if (staged.Count == 0) return;
        var tags = string.Join(", ", staged.Select(p => p.StagingTag));
        if (dryRun) { Log.Information($"[dry-run] would delete the staging tags {tags} of {image} through the registry API"); return; }
        var reference = ImageReference.Parse(image);
        if (reference.Registry.Equals("ghcr.io", StringComparison.OrdinalIgnoreCase))
        {
            Log.Warning($"Staging tags {tags} stay on ghcr.io: deleting there needs the GitHub packages API (delete those package versions, or use a builder that pushes by digest).");
            return;
        }
        var api = registry();
        try
        {
            var needed = new HashSet<string>(stillNeeded ?? [], StringComparer.Ordinal);
            if (stillNeeded is null)
                foreach (var final in finalTags)
                    if (await api.ResolveAsync(final) is { } digest && needed.Add(digest))
                        needed.UnionWith((await api.ManifestAsync(digest))?.ChildDigests ?? []);
            // Another run's staging tag on byte-identical content shares the manifest: deleting it would pull
            // the manifest from under that run's index step.
            var ours = staged.Select(p => p.StagingTag!).ToHashSet(StringComparer.Ordinal);
            foreach (var other in (await api.TagsAsync()).Where(t => t.StartsWith("staging-", StringComparison.Ordinal) && !ours.Contains(t)))
                if (await api.ResolveAsync(other) is { } shared) needed.Add(shared);
            foreach (var platform in staged)
                await RemoveOneAsync(api, image, platform, needed);
        }
        // The tags have moved by now: trouble here (no answer, a timeout, a reply that is not JSON) leaves staging
        // tags behind, which is worth a warning, never a failed publish.
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException or InvalidOperationException or FormatException)
        {
            var reason = e is TaskCanceledException ? "it did not answer in time" : e is HttpRequestException ? $"it did not answer ({e.Message})" : $"its answer was not what the API promises ({e.Message.Split('\n')[0]})";
            Log.Warning($"Staging tags {tags} of {image} were left: {reason}.");
        }
        finally { if (owned) api.Dispose(); }
    }

    static async Task RemoveOneAsync(RegistryApi api, string image, PlatformImage platform, HashSet<string> needed)
    {
        var tag = platform.StagingTag!;
        var current = await api.ResolveAsync(tag);
        if (current is null) return;
        // An empty digest: the push was stopped before buildx reported one; the tag is still this run's own.
        if ((platform.Digest.Length > 0 && current != platform.Digest) || needed.Contains(current))
        {
            Log.Warning($"Staging tag {image}:{tag} was left: its manifest {current} is {(needed.Contains(current) ? "used by a final tag or by another run's staging tag" : "not the one this run pushed")}.");
            return;
        }
        var status = await api.DeleteAsync(current);
        if (status is HttpStatusCode.Accepted or HttpStatusCode.OK or HttpStatusCode.NotFound)
            Log.Information($"Removed the staging tag {image}:{tag}");
        else
            Log.Warning($"Staging tag {image}:{tag} was left: the registry answered {(int)status} {status} to the delete (is deletion enabled?).");
    }
}
