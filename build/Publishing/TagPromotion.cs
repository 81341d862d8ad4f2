using Registry;

namespace Publishing;

/// <summary>What a final tag pointed at before promotion: its digest and exact manifest, or nothing (a new tag).</summary>
internal sealed record TagBefore(string Tag, string? Digest, ManifestBytes? Manifest);

/// <summary>The index pushed by digest (no tag anyone pulls moved), ready to be promoted.</summary>
internal sealed record StagedIndex(ManifestBytes Manifest, bool ExistedBefore)
{
    public string Digest => Manifest.Digest;
}

/// <summary>
/// Moves every final tag of one repository to a staged index, all or none. The registry has no multi-tag
/// transaction, so it is built: every tag's current manifest is read first, then the tags move one by one, and
/// if a move fails (after the transient retries) or the run is interrupted, each tag that may have moved is put
/// back byte for byte, and tags that did not exist before are removed. A tag never ends on a digest other than
/// its old one or the new one.
/// </summary>
internal sealed class TagPromotion(RegistryApi api, TransientRetry retry, string image)
{
    /// <summary>Pushes the index under its digest only; records whether that manifest was already there (then it is never deleted).</summary>
    public async Task<StagedIndex> StageAsync(ManifestBytes index)
    {
        var existed = await retry.RunHttpAsync($"Looking up {image}@{index.Digest}", () => api.ResolveAsync(index.Digest));
        await retry.RunHttpAsync($"Pushing the index {image}@{index.Digest}", async () => { await api.PutManifestAsync(index.Digest, index); return true; });
        return new StagedIndex(index, existed is not null);
    }

    /// <summary>Step 1: every final tag's current manifest, read before anything moves.</summary>
    public async Task<IReadOnlyList<TagBefore>> ReadCurrentAsync(IReadOnlyList<string> tags) =>
        // Read at once (independent GETs on one connection pool), kept in the tags' order.
        await Task.WhenAll(tags.Select(async tag =>
        {
            var manifest = await retry.RunHttpAsync($"Reading {image}:{tag}", () => api.ManifestAsync(tag));
            return new TagBefore(tag, manifest?.Digest, manifest);
        }));

    /// <summary>Step 2: moves the tags; on any failure or interruption rolls back and throws one line naming what was rolled back.</summary>
    public async Task PromoteAsync(StagedIndex index, IReadOnlyList<TagBefore> before, CancellationToken interrupted)
    {
        var touched = new List<TagBefore>();
        try
        {
            foreach (var tag in before)
            {
                interrupted.ThrowIfCancellationRequested();
                touched.Add(tag);
                if (tag.Digest == index.Digest) continue;
                await retry.RunHttpAsync($"Moving {image}:{tag.Tag} to {index.Digest}", async () => { await api.PutManifestAsync(tag.Tag, index.Manifest); return true; });
            }
        }
        catch (Exception failure) when (failure is BuildError or OperationCanceledException)
        {
            var why = failure is OperationCanceledException ? "interrupted" : failure.Message.TrimEnd('.');
            var rollback = await RollBackAsync(index, touched);
            throw new BuildError($"Merge failed before every tag of {image} moved ({why}); {rollback}");
        }
    }

    /// <summary>Puts each touched tag back where it was (never cancelled: half a rollback is worse than a slow one).</summary>
    async Task<string> RollBackAsync(StagedIndex index, IReadOnlyList<TagBefore> touched)
    {
        var restored = new List<string>();
        var removed = new List<string>();
        var stuck = new List<string>();
        var created = new List<TagBefore>();
        foreach (var tag in touched)
        {
            try
            {
                var now = await retry.RunHttpAsync($"Reading {image}:{tag.Tag}", () => api.ResolveAsync(tag.Tag));
                if (now == tag.Digest) continue;
                if (tag.Manifest is null) { created.Add(tag); continue; }
                await retry.RunHttpAsync($"Putting {image}:{tag.Tag} back to {tag.Digest}", async () => { await api.PutManifestAsync(tag.Tag, tag.Manifest); return true; });
                restored.Add($"{tag.Tag} to {Short(tag.Digest!)}");
            }
            catch (Exception e) when (e is BuildError or HttpRequestException) { stuck.Add($"{tag.Tag} ({e.Message.TrimEnd('.')})"); }
        }
        if (created.Count > 0)
        {
            // The registry API deletes manifests, not tags: deleting the new index drops exactly the tags still on
            // it, which (after the restores above) are only the ones this run created. Never when the index was
            // there before the run: then other tags may rely on it.
            var canDelete = !index.ExistedBefore && stuck.Count == 0 && touched.All(t => t.Digest != index.Digest);
            System.Net.HttpStatusCode? status = null;
            try { if (canDelete) status = await api.DeleteAsync(index.Digest); }
            catch (HttpRequestException) { }
            if (status is System.Net.HttpStatusCode.Accepted or System.Net.HttpStatusCode.OK) removed.AddRange(created.Select(t => t.Tag));
            else stuck.AddRange(created.Select(t => $"{t.Tag} (new, left on {Short(index.Digest)}: the registry would not delete it)"));
        }
        var parts = new List<string>();
        if (restored.Count > 0) parts.Add("put back " + string.Join(", ", restored));
        if (removed.Count > 0) parts.Add("removed the new " + string.Join(", ", removed));
        if (stuck.Count > 0) parts.Add("COULD NOT roll back " + string.Join(", ", stuck));
        if (parts.Count == 0) return "no tag had moved, so every tag is where it was.";
        return "rolled back: " + string.Join("; ", parts) + (stuck.Count == 0 ? "; every tag is where it was." : ".");
    }

    static string Short(string digest) => digest.Length > 19 ? digest[..19] : digest;
}
