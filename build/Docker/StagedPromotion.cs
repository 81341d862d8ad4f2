using System.Text;

namespace Docker;

/// <summary>
/// The index first goes under a staging tag; a check (signing and verification) runs on its digest; only when
/// it passes, and the staging tag still points at that digest, do the final tags move, all from that digest.
/// Whatever happens, the staging tag is removed, and a failure moves no tag.
/// </summary>
public sealed class StagedPromotion(DockerCli docker, TransientRetry retry, Func<RegistryApi> registry)
{
    public async Task<PublishedIndex> RunAsync(ImageBuildRequest request, ImagetoolsCreateSettings create, Func<PublishedIndex, Task> beforePromotion)
    {
        var stagingTag = request.IndexStagingTag;
        var staged = $"{request.Image}:{stagingTag}";
        await retry.RunAsync($"Creating the index under the staging tag {staged}", () => docker.RunAsync((create with { Tags = [staged] }).ToCommand()));
        var inspect = await retry.RunAsync($"Reading back {staged}", () => docker.RunAsync(
            new ImagetoolsInspectSettings(staged) { Format = "{{json .Manifest}}", Builder = create.Builder }.ToCommand(), echoOutput: false));
        var index = PublishedIndex.Parse(inspect.StandardOutput);
        try
        {
            await beforePromotion(index);
            using (var api = registry())
            {
                // Someone (or something) may have pushed under the staging tag since it was signed: promote only what was checked.
                var current = await api.ResolveAsync(stagingTag);
                if (current != index.Digest)
                    throw new BuildError($"The staging tag {staged} now points at {current ?? "nothing"}, not the signed {index.Digest}: promotion stopped, no tag was moved.");
            }
            // One source that is itself an index: imagetools copies it unchanged, so every tag gets the signed digest.
            var promote = new ImagetoolsCreateSettings([$"{request.Image}@{index.Digest}"]) { Tags = request.Tags, Builder = create.Builder };
            await retry.RunAsync($"Moving {string.Join(", ", request.Tags)} to {index.Digest}", () => docker.RunAsync(promote.ToCommand()));
            Log.Information($"Published {request.Image}@{index.Digest} as {string.Join(", ", request.Tags)}");
            return index;
        }
        finally { await RemoveTagAsync(request.Image, stagingTag); }
    }

    /// <summary>
    /// The registry API deletes manifests, not tags, and the signed index must stay: the tag is pointed at an empty
    /// index of its own (annotated with the tag, so no other run has the same bytes), which is then deleted.
    /// </summary>
    async Task RemoveTagAsync(string image, string tag)
    {
        if (ImageReference.Parse(image).Registry.Equals("ghcr.io", StringComparison.OrdinalIgnoreCase))
        {
            Log.Warning($"Staging tag {image}:{tag} stays on ghcr.io: deleting there needs the GitHub packages API.");
            return;
        }
        try
        {
            using var api = registry();
            const string mediaType = "application/vnd.oci.image.index.v1+json";
            var placeholder = Encoding.UTF8.GetBytes(new System.Text.Json.Nodes.JsonObject
            {
                ["schemaVersion"] = 2, ["mediaType"] = mediaType, ["manifests"] = new System.Text.Json.Nodes.JsonArray(),
                ["annotations"] = new System.Text.Json.Nodes.JsonObject { ["org.opencontainers.image.ref.name"] = tag },
            }.ToJsonString());
            var digest = await api.PutManifestAsync(tag, mediaType, placeholder);
            var status = await api.DeleteAsync(digest);
            if ((int)status is 200 or 202 or 404) Log.Information($"Removed the staging tag {image}:{tag}");
            else Log.Warning($"Staging tag {image}:{tag} was left: the registry answered {(int)status} to the delete (is deletion enabled?).");
        }
        catch (HttpRequestException e)
        {
            Log.Warning($"Staging tag {image}:{tag} was left: the registry API did not answer ({e.Message}).");
        }
    }
}
