using Registry;

namespace Publishing;

/// <summary>
/// Is a rebuild the image the tags already hold? Compared per platform on the image manifests, never on the index
/// (its provenance attestations differ on every build, by design): unchanged when every final tag exists, all
/// point at one index, and that index lists exactly the new index's image manifest for each platform. Then no tag
/// needs to move, and none should: a weekly rebuild would otherwise move every tag and wake every `docker pull`.
/// Pure: Merge hands it the index it composed, before pushing it, and what each tag holds now.
/// </summary>
internal static class UnchangedIndex
{
    /// <summary>The index digest every tag keeps, or null when the tags must move.</summary>
    public static string? Since(StagedIndex staged, IReadOnlyList<TagBefore> current)
    {
        if (current.Count == 0 || current.Any(t => t.Manifest is null) || current.Select(t => t.Digest).Distinct().Count() != 1) return null;
        if (current[0].Digest == staged.Digest) return staged.Digest;
        // An index that does not record this run's inputs yet gets them (once), or the next run would build again.
        if (InputFingerprint.On(staged.Manifest) is { } inputs && InputFingerprint.On(current[0].Manifest!) != inputs) return null;
        try
        {
            var held = PlatformImages(current[0].Manifest!);
            var rebuilt = PlatformImages(staged.Manifest);
            return held.Count > 0 && held.Count == rebuilt.Count && held.All(p => rebuilt.TryGetValue(p.Key, out var digest) && digest == p.Value)
                ? current[0].Digest : null;
        }
        // A tag on a single-platform manifest or on something that is no index: not this build's shape, so publish.
        catch (Exception e) when (e is FormatException or System.Text.Json.JsonException or InvalidOperationException or NullReferenceException) { return null; }
    }

    /// <summary>platform → image manifest digest (attestation manifests, platform unknown/unknown, left out).</summary>
    static Dictionary<string, string> PlatformImages(ManifestBytes index) =>
        PublishedIndex.FromManifest(index).Platforms.GroupBy(p => p.Platform).ToDictionary(g => g.Key, g => g.First().Digest, StringComparer.Ordinal);

    /// <summary>The check for Merge: null (publish) when anything changed; otherwise the reason the tags stay, and <paramref name="unchanged"/> gets what they hold.</summary>
    public static PromotionGate Gate(Action<TagBefore> unchanged) => (staged, current) =>
        Task.FromResult(Since(staged, current) is { } held ? Keep(held, current[0], unchanged) : null);

    static string Keep(string held, TagBefore tag, Action<TagBefore> unchanged)
    {
        unchanged(tag);
        return $"unchanged since {held}: every platform image is the one the tags already hold";
    }
}
