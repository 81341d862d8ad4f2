using Publishing;

namespace Components;

/// <summary>Merge when DockerBuildx found the run's inputs already published: no index is made, only missing tags move.</summary>
partial interface IMerge
{
    /// <summary>
    /// Keeps the index the tags hold: its signatures are made current (when signing is on), then a tag that is
    /// missing or points elsewhere moves to it, all or none, as after a build; the rest stay where they are.
    /// </summary>
    async Task KeepUnchangedAsync(InputsUnchanged unchanged)
    {
        var request = DockerBuildRequest;
        var held = unchanged.Held.Manifest!;
        var index = PublishedIndex.FromManifest(held);
        // Signed by the current key or identity before any tag moves to it (signed again without a rebuild where not).
        if (Signer is { } signer) await signer.EnsureUnchangedSignedAsync(index);
        if (UnchangedInputs.ToMove(unchanged.Held, unchanged.Before) is { Count: > 0 } missing)
        {
            using var api = RegistryApiFactory();
            await new TagPromotion(api, RegistryRetry, Image).PromoteAsync(new StagedIndex(held, ExistedBefore: true), unchanged.Before, Interrupted);
            Log.Information($"Moved {string.Join(", ", missing)} to {Image}@{unchanged.Digest} without a rebuild");
        }
        else Log.Information($"Every tag of {Image} already points at {unchanged.Digest}; no tag moved");
        Results.Set(Publication, new ImagePublication
        {
            Image = Image, Pushed = true, Digest = unchanged.Digest, Tags = request.Tags, Platforms = index.Platforms,
            UnchangedSince = unchanged.Digest, UnchangedInputs = unchanged.Inputs,
        });
    }
}
