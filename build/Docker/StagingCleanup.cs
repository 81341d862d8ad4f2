using System.Net;

namespace Docker;

/// <summary>
/// Deletes the staging tags of platforms the docker driver could not push by digest. The registry API deletes
/// manifests (and with them every tag on them), so a staging manifest the final index is, or lists, is never
/// deleted. ghcr.io only deletes through GitHub's packages API: there the tag is left with a warning.
/// </summary>
public sealed class StagingCleanup(bool dryRun)
{
    public async Task RemoveAsync(string image, IReadOnlyList<PlatformImage> platforms, string? finalDigest, Func<RegistryApi> registry)
    {
        var staged = platforms.Where(p => p.StagingTag is not null).ToList();
        if (staged.Count == 0) return;
        var tags = string.Join(", ", staged.Select(p => p.StagingTag));
        if (dryRun) { Log.Information($"[dry-run] would delete the staging tags {tags} of {image} through the registry API"); return; }
        var reference = ImageReference.Parse(image);
        if (reference.Registry.Equals("ghcr.io", StringComparison.OrdinalIgnoreCase))
        {
            Log.Warning($"Staging tags {tags} stay on ghcr.io: deleting there needs the GitHub packages API (delete those package versions, or use a builder that pushes by digest).");
            return;
        }
        try
        {
            using var api = registry();
            var needed = new HashSet<string>(StringComparer.Ordinal);
            if (finalDigest is not null) { needed.Add(finalDigest); needed.UnionWith(await api.ChildDigestsAsync(finalDigest)); }
            // Another run's staging tag on byte-identical content shares the manifest: deleting it would pull
            // the manifest from under that run's index step.
            var ours = staged.Select(p => p.StagingTag!).ToHashSet(StringComparer.Ordinal);
            foreach (var other in (await api.TagsAsync()).Where(t => t.StartsWith("staging-", StringComparison.Ordinal) && !ours.Contains(t)))
                if (await api.ResolveAsync(other) is { } shared) needed.Add(shared);
            foreach (var platform in staged)
                await RemoveOneAsync(api, image, platform, needed, finalDigest is not null);
        }
        // The tags have moved by now: trouble here (no answer, a timeout, a reply that is not JSON) leaves staging
        // tags behind, which is worth a warning, never a failed publish.
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException or InvalidOperationException)
        {
            var reason = e is TaskCanceledException ? "it did not answer in time" : e is HttpRequestException ? $"it did not answer ({e.Message})" : $"its answer was not what the API promises ({e.Message.Split('\n')[0]})";
            Log.Warning($"Staging tags {tags} of {image} were left: {reason}.");
        }
    }

    static async Task RemoveOneAsync(RegistryApi api, string image, PlatformImage platform, HashSet<string> needed, bool indexKnown)
    {
        var tag = platform.StagingTag!;
        var current = await api.ResolveAsync(tag);
        if (current is null) return;
        if (current != platform.Digest || !indexKnown || needed.Contains(current))
        {
            Log.Warning($"Staging tag {image}:{tag} was left: its manifest {current} is {(needed.Contains(current) ? "part of the published index or of another run's staging tag" : "not the one this run pushed")}.");
            return;
        }
        var status = await api.DeleteAsync(current);
        if (status is HttpStatusCode.Accepted or HttpStatusCode.OK or HttpStatusCode.NotFound)
            Log.Information($"Removed the staging tag {image}:{tag}");
        else
            Log.Warning($"Staging tag {image}:{tag} was left: the registry answered {(int)status} {status} to the delete (is deletion enabled?).");
    }
}
