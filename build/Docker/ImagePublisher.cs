using Tooling;

namespace Docker;

/// <summary>
/// Decides, once the index is pushed by digest and before any tag moves, whether the tags move: null to promote,
/// or the reason they stay (a <see cref="BuildError"/> fails the Merge with every tag where it was).
/// </summary>
internal delegate Task<string?> PromotionGate(StagedIndex index, IReadOnlyList<TagBefore> current);

/// <summary>
/// Runs the builds of a request. Pushing is two-phase so that tags move atomically: every platform is pushed
/// by digest (or under a staging tag), and only <see cref="MergeAsync"/> puts the tags on the finished index.
/// A failure before that leaves every existing tag where it was.
/// </summary>
internal sealed class ImagePublisher(DockerCli docker, TransientRetry retry)
{
    /// <summary>No push: load one platform into the local engine, or write several to an OCI archive.</summary>
    public async Task<ImagePublication> BuildLocalAsync(ImageBuildRequest request, BuilderInfo builder, string reason)
    {
        var settings = request.ForLocal(builder);
        if (request.Platforms.Count > 1 && !docker.DryRun) Directory.CreateDirectory(Path.GetDirectoryName(request.ArchiveFile)!);
        var metadata = await BuildAsync(settings, $"Building {string.Join(", ", request.Platforms)}");
        var reference = request.LocalTags[0];
        if (request.Platforms.Count == 1)
        {
            Log.Information($"Image loaded into the local engine: {reference}");
            if (request.Usage is { } usage)
                Log.Information($"Run it: docker run --rm -p {usage.Port}:{usage.Port} {reference} {usage.RunCommand}");
        }
        else
            Log.Information($"{request.Platforms.Count} platforms written to the OCI archive {request.ArchiveFile} (docker load -i <archive> imports it)");
        return new ImagePublication
        {
            Image = request.Image, Pushed = false, Digest = metadata?.Digest, Tags = request.LocalTags, NotPushedReason = reason,
            // With the containerd image store a load records an index (image + attestations): that digest is the
            // image's, not the platform's, so no platform digest is claimed then.
            Platforms = request.Platforms.Count == 1 && metadata?.Digest is { } digest && !IsIndex(metadata.MediaType) ? [new PlatformImage(request.Platforms[0], digest)] : [],
            Archive = request.Platforms.Count == 1 ? null : request.ArchiveFile,
        };
    }

    static bool IsIndex(string? mediaType) => mediaType is { } type && (type.Contains("image.index") || type.Contains("manifest.list"));

    /// <summary>
    /// Pushes each platform on its own, concurrently (as one multi-platform build would build them); no tag that
    /// anyone pulls changes here. A dry run lists them one after the other.
    /// </summary>
    public async Task<IReadOnlyList<PlatformImage>> PushPlatformsAsync(ImageBuildRequest request, BuilderInfo builder, Func<PlatformImage, Task>? afterEach = null)
    {
        if (!builder.CanPushByDigest)
            Log.Information($"The {builder.Driver} driver cannot push by digest: each platform goes under a staging tag that is removed after the index is made.");
        var concurrent = !docker.DryRun && request.Platforms.Count > 1;

        async Task<PlatformImage> PushAsync(string platform)
        {
            try { return await PushOneAsync(platform); }
            finally
            {
                // The docker driver keeps what it pushes as a local image too; the registry has it now.
                if (!builder.CanPushByDigest && !docker.DryRun)
                    await docker.RunAsync(new ToolCommand("docker", ["image", "rm", $"{request.Image}:{request.StagingTag(platform)}"]), echoOutput: false);
            }
        }

        async Task<PlatformImage> PushOneAsync(string platform)
        {
            var settings = request.ForPlatform(platform, builder);
            await retry.RunAsync($"Building and pushing {platform} of {request.Image}", () => RunBuildAsync(settings, concurrent ? platform : null));
            var digest = docker.DryRun ? $"sha256:<{PlatformImage.Slug(platform)}>" : BuildMetadata.Read(settings.MetadataFile!).Digest
                ?? throw new BuildError($"buildx recorded no digest for {platform} in {settings.MetadataFile}.");
            var image = new PlatformImage(platform, digest, builder.CanPushByDigest ? null : request.StagingTag(platform));
            Log.Information($"{platform} pushed as {request.Image}@{digest}" + (image.StagingTag is { } tag ? $" (staging tag {tag})" : ""));
            if (afterEach is not null) await afterEach(image);
            return image;
        }

        if (!concurrent)
        {
            var pushed = new List<PlatformImage>();
            foreach (var platform in request.Platforms) pushed.Add(await PushAsync(platform));
            return pushed;
        }
        Log.Information($"Building {string.Join(" and ", request.Platforms)} concurrently; their lines are marked with the platform.");
        var builds = request.Platforms.Select(PushAsync).ToList();
        try { await Task.WhenAll(builds); }
        catch (Exception)
        {
            var failures = builds.Where(b => b.IsFaulted).Select(b => b.Exception!.InnerException!).ToList();
            foreach (var other in failures.Skip(1)) Log.Error(other.Message);
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failures[0]).Throw();
        }
        return builds.Select(b => b.Result).ToList();
    }

    /// <summary>
    /// The one step that moves tags, all or none (null in a dry run). The index is composed by buildx
    /// (<c>imagetools create --dry-run</c>), pushed once by digest, every final tag's current manifest is read, and
    /// only then do the tags move (<see cref="TagPromotion"/>); a failure or an interruption puts them back.
    /// The per-platform staging tags are removed afterwards, also after a failure.
    /// </summary>
    /// <param name="beforePromotion">The seam between "index pushed" and "tags move"; see <see cref="PromotionGate"/>.</param>
    public async Task<PublishedIndex?> MergeAsync(ImageBuildRequest request, IReadOnlyList<PlatformImage> platforms, BuilderInfo? builder,
        Func<RegistryApi> registry, PromotionGate? beforePromotion = null, CancellationToken interrupted = default)
    {
        request.RequireTags();
        var repository = ImageReference.Parse(request.Image);
        var own = request.Tags.Where(t => ImageReference.Parse(t) == repository).Select(TagName).ToList();
        var elsewhere = request.Tags.Where(t => ImageReference.Parse(t) != repository).ToList();
        try
        {
            var compose = request.ForIndex(platforms, builder) with { Tags = [], DryRun = true };
            var composed = await retry.RunAsync($"Creating the index for {string.Join(", ", request.Tags)}", () => docker.RunAsync(compose.ToCommand(), echoOutput: false));
            if (docker.DryRun)
            {
                Log.Information($"[dry-run] would push that index by digest, then move {string.Join(", ", request.Tags)} to it, all or none");
                return null;
            }
            // buildx prints exactly the bytes it would push, plus a newline.
            var manifest = new ManifestBytes(RegistryApi.IndexMediaType(composed.StandardOutput), System.Text.Encoding.UTF8.GetBytes(composed.StandardOutput.TrimEnd('\n', '\r')));
            using var api = registry();
            var promotion = new TagPromotion(api, retry, request.Image);
            var staged = await promotion.StageAsync(manifest);
            Log.Information($"Index {request.Image}@{staged.Digest} pushed by digest; no tag has moved yet");
            var before = await promotion.ReadCurrentAsync(own);

            // ── Promotion seam ────────────────────────────────────────────────────────────────────────────────
            // Here the index exists under its digest and every final tag still points where it did (`before`).
            // Whatever must hold before a tag moves goes here, through `beforePromotion`: signing the index and
            // verifying the signature (issue 15), or "unchanged since <digest>: no promotion" (issue 16). Failing
            // here (a BuildError) leaves every tag untouched; nothing needs rolling back yet.
            if (beforePromotion is not null && await beforePromotion(staged, before) is { } reason)
            {
                Log.Information($"Tags of {request.Image} not moved: {reason}");
                return null;
            }
            if (interrupted.IsCancellationRequested) throw new BuildError($"Merge interrupted before any tag of {request.Image} moved; every tag is where it was.");
            await promotion.PromoteAsync(staged, before, interrupted);
            // Another repository holds none of the platform images: buildx copies them there (not all-or-none).
            if (elsewhere.Count > 0)
                await retry.RunAsync($"Copying the index to {string.Join(", ", elsewhere)}", () => docker.RunAsync(
                    new ImagetoolsCreateSettings([$"{request.Image}@{staged.Digest}"]) { Tags = elsewhere, Builder = compose.Builder }.ToCommand()));
            Log.Information($"Published {request.Image}@{staged.Digest} as {string.Join(", ", request.Tags)}");
            return PublishedIndex.FromManifest(manifest);
        }
        finally
        {
            await new StagingCleanup(docker.DryRun).RemoveAsync(request.Image, platforms, own, registry);
        }
    }

    /// <summary>"registry/name:tag" → "tag".</summary>
    static string TagName(string reference) => reference[(reference.LastIndexOf(':') + 1)..];

    async Task<ToolResult> RunBuildAsync(BuildxBuildSettings settings, string? outputPrefix = null)
    {
        if (settings.MetadataFile is { } file) { Directory.CreateDirectory(Path.GetDirectoryName(file)!); File.Delete(file); }
        return await docker.RunAsync(settings.ToCommand(), outputPrefix: outputPrefix);
    }

    async Task<BuildMetadata?> BuildAsync(BuildxBuildSettings settings, string what)
    {
        var result = await RunBuildAsync(settings);
        if (!result.Succeeded) throw new BuildError($"{what} failed: {RegistryFailure.Reason(result.StandardError + "\n" + result.StandardOutput)}");
        return docker.DryRun ? null : BuildMetadata.Read(settings.MetadataFile!);
    }
}
