using System.Net;
using Publishing;
using Registry;

namespace Signing;

/// <summary>What the signature tags of some digests held before signing (null manifest: the tag did not exist).</summary>
internal sealed record SignatureTagsBefore(string Repository, IReadOnlyList<TagBefore> Tags);

/// <summary>
/// The tags cosign writes beside a signed digest in a registry without the referrers API: sha256-&lt;hex&gt;.sig
/// (signatures), .att (attestations) and, for cosign 3's bundles, sha256-&lt;hex&gt; (the referrers fallback index).
/// A signing whose index never gets a tag is undone with them: each tag goes back to what it held before (an
/// earlier signature of a platform image that stays published), or is deleted when it is new. Through the registry
/// API, never failing the run (it has failed for a better reason already): what cannot be undone is one warning
/// naming the tags.
/// </summary>
internal static class SignatureTags
{
    public static IReadOnlyList<string> For(string digest)
    {
        var stem = digest.Replace(':', '-');
        return [$"{stem}.sig", $"{stem}.att", stem];
    }

    /// <summary>Read before cosign writes: every signature tag of <paramref name="digests"/>, as it is now.</summary>
    public static async Task<SignatureTagsBefore> ReadAsync(RegistryApi api, string repository, IEnumerable<string> digests) =>
        new(repository, await Task.WhenAll(digests.Distinct().SelectMany(For).Select(async tag =>
        {
            var manifest = await api.ManifestAsync(tag);
            return new TagBefore(tag, manifest?.Digest, manifest);
        })));

    /// <summary>Puts every tag back as <paramref name="before"/> found it; returns the tags it could not (warned about).</summary>
    public static async Task<IReadOnlyList<string>> RestoreAsync(RegistryApi api, SignatureTagsBefore before)
    {
        var changed = new List<(TagBefore Tag, string? Now)>();
        var left = new List<string>();
        try
        {
            foreach (var tag in before.Tags)
                if (await api.ResolveAsync(tag.Tag) is var now && now != tag.Digest) changed.Add((tag, now));
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return Warn(before, before.Tags.Select(t => t.Tag).ToList(), $"the registry did not answer ({e.Message})");
        }
        if (changed.Count == 0) return [];
        if (ImageReference.Parse(before.Repository).Registry.Equals("ghcr.io", StringComparison.OrdinalIgnoreCase))
            return Warn(before, changed.Select(c => c.Tag.Tag).ToList(), "ghcr.io deletes only through GitHub's packages API (delete those package versions)");
        foreach (var (tag, now) in changed)
        {
            try
            {
                if (tag.Manifest is { } earlier) await api.PutManifestAsync(tag.Tag, earlier);
                else if (now is not null && await api.DeleteAsync(now) is not (HttpStatusCode.Accepted or HttpStatusCode.OK or HttpStatusCode.NotFound) and var status)
                    left.Add($"{tag.Tag} (the delete was answered {(int)status})");
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { left.Add($"{tag.Tag} ({e.Message.TrimEnd('.')})"); }
        }
        if (left.Count > 0) return Warn(before, left, "the registry refused");
        Log.Information($"Removed the signatures of the index no tag holds: {string.Join(", ", changed.Select(c => c.Tag.Tag))} of {before.Repository} are as they were before the run.");
        return [];
    }

    static IReadOnlyList<string> Warn(SignatureTagsBefore before, IReadOnlyList<string> tags, string why)
    {
        Log.Warning($"Signature tags {string.Join(", ", tags)} of {before.Repository} were left for an index no tag holds: {why}.");
        return tags;
    }
}
