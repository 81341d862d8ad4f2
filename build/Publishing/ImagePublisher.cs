using Docker;
using Registry;
using Tooling;

namespace Publishing;

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
/// <param name="background">Where work nothing waits for goes (the local image's rename), so the next target need not wait; null: done in line.</param>
internal sealed partial class ImagePublisher(DockerCli docker, TransientRetry retry, BackgroundWork? background = null)
{
    /// <summary>No push: load one platform into the local engine, or write several to an OCI archive.</summary>
    public async Task<ImagePublication> BuildLocalAsync(ImageBuildRequest request, BuilderInfo builder, string reason)
    {
        var settings = request.ForLocal(builder);
        if (request.Platforms.Count > 1 && !docker.DryRun) Directory.CreateDirectory(Path.GetDirectoryName(request.ArchiveFile)!);
        var metadata = await BuildAsync(settings, $"Building {string.Join(", ", request.Platforms)}");
        var reference = request.LocalTags[0];
        // How to run it is the summary's last line (Summary picks a free host port).
        if (request.Platforms.Count == 1)
            Log.Information($"Image loaded into the local engine: {reference}");
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
    /// Pushes every platform of the request in one BuildKit solve, as one index under no tag anyone pulls (by
    /// digest, or under the staging tag). Each platform's <see cref="PlatformImage"/> names that index; Merge takes
    /// the platform entries from it.
    /// </summary>
    public async Task<IReadOnlyList<PlatformImage>> PushPlatformsAsync(ImageBuildRequest request, BuilderInfo builder, Func<PlatformImage, Task>? afterEach = null)
    {
        if (!builder.CanPushByDigest)
            Log.Information($"The {builder.Driver} driver cannot push by digest: the platforms go under the staging tag {request.StagingTag}, removed after the index is made.");
        var settings = request.ForPush(builder);
        var platforms = string.Join(", ", request.Platforms);
        var (staging, local) = ($"{request.Image}:{request.StagingTag}", $"{request.Image}:{LocalName}");
        string? pushed = null;
        Task? named = null;
        Task<ToolResult>? pushing = null;
        try
        {
            if (builder.CanPushByDigest)
                await retry.RunAsync($"Building and pushing {platforms} of {request.Image}", () => RunBuildAsync(settings));
            else
            {
                // The docker driver: stored under the staging name, then pushed once (see BuildxOutput.ImageStore).
                // The push starts as soon as the exporter has stored the image, while buildx still exports the
                // cache; the local copy gets its lasting name meanwhile (a local step; the push reads the staging name).
                var attempts = 0;
                await retry.RunAsync($"Building {platforms} of {request.Image}", () =>
                {
                    var watch = attempts++ == 0 && !docker.DryRun ? new ImageStoredWatch(staging) : null;
                    return RunBuildAsync(settings, onLine: watch is null ? null : line =>
                    {
                        lock (watch) if (!watch.Saw(line)) return;
                        named = Task.Run(() => NameLocalCopyAsync(staging, local));
                        pushing = Task.Run(() => PushAsync(staging));
                    });
                });
                // A retried build stored its image again: what an earlier attempt started is finished, then redone.
                if (attempts > 1 && pushing is not null) { await Settled(pushing); await Settled(named); pushing = null; named = null; }
                if (!docker.DryRun) named ??= NameLocalCopyAsync(staging, local);
                pushed = PushedDigest(await (pushing ?? PushAsync(staging)));
            }
        }
        finally
        {
            // Nothing may still be pushing when the staging tags are cleaned after a failure.
            if (pushing is not null) await Settled(pushing);
            if (!builder.CanPushByDigest && !docker.DryRun) await ReleaseLocalImageAsync(staging, local, named);
        }
        var digest = docker.DryRun ? $"sha256:<{string.Join('-', request.Platforms.Select(PlatformImage.Slug))}>" : pushed ?? BuildMetadata.Read(settings.MetadataFile!).Digest
            ?? throw new BuildError($"buildx recorded no digest for {platforms} in {settings.MetadataFile}.");
        var stagingTag = builder.CanPushByDigest ? null : request.StagingTag;
        Log.Information($"{platforms} pushed as {request.Image}@{digest}" + (stagingTag is { } tag ? $" (staging tag {tag})" : ""));
        var images = request.Platforms.Select(p => new PlatformImage(p, digest, stagingTag)).ToList();
        if (afterEach is not null) foreach (var image in images) await afterEach(image);
        return images;
    }

    Task<ToolResult> PushAsync(string staging) => retry.RunAsync($"Pushing {staging}", () => docker.RunAsync(new ToolCommand("docker", ["push", staging])));

    /// <summary>Waits for a task to end, whatever its outcome (the caller already has an outcome to report).</summary>
    static async Task Settled(Task? task)
    {
        if (task is null) return;
        try { await task; }
        catch (Exception) { /* reported, if at all, by the path that still uses it */ }
    }

    Task NameLocalCopyAsync(string staged, string local) =>
        docker.RunAsync(new ToolCommand("docker", ["image", "tag", staged, local]), echoOutput: false, outputPrefix: "local image");

    /// <summary>What <c>docker push</c> says it pushed ("&lt;tag&gt;: digest: sha256:… size: N"), or null.</summary>
    static string? PushedDigest(ToolResult push) => PushedDigestLine().Match(push.StandardOutput) is { Success: true } match ? match.Groups[1].Value : null;

    [System.Text.RegularExpressions.GeneratedRegex(@"digest: (sha256:[0-9a-f]{64})")]
    private static partial System.Text.RegularExpressions.Regex PushedDigestLine();

    /// <summary>The docker driver's local copy of what it pushed stays under this one name per image (never pushed).</summary>
    public const string LocalName = "last-pushed";

    /// <summary>
    /// The docker driver keeps what it pushes as a local image too. Removing an image's last name makes dockerd's
    /// containerd store collect garbage there and then (3-4 s on this machine); so the copy first gets one fixed name
    /// (<paramref name="named"/>: set while the push ran, else now) and only then loses the staging name, and the
    /// image the fixed name held before is collected later. Only the local engine is involved, so this runs in the
    /// background while Merge talks to the registry.
    /// </summary>
    Task ReleaseLocalImageAsync(string staged, string local, Task? named)
    {
        async Task Release()
        {
            await (named ?? NameLocalCopyAsync(staged, local));
            await docker.RunAsync(new ToolCommand("docker", ["image", "rm", staged]), echoOutput: false, outputPrefix: "local image");
        }
        if (background is null) return Release();
        background.Start($"Renaming the local image {staged} to {local}", Release);
        return Task.CompletedTask;
    }

    /// <summary>
    /// The one step that moves tags, all or none (null in a dry run). The index is composed from the platform
    /// indexes (<see cref="IndexComposition"/>, or buildx's <c>imagetools create --dry-run</c> where that does not
    /// apply), pushed once by digest, every final tag's current manifest is read, and only then do the tags move
    /// (<see cref="TagPromotion"/>); a failure or an interruption puts them back. The staging tags are removed
    /// afterwards, also after a failure. One registry connection (and login) serves all of it.
    /// </summary>
    /// <param name="beforePromotion">The seam between "index pushed" and "tags move"; see <see cref="PromotionGate"/>.</param>
    /// <param name="notPromoted">
    /// Called when <paramref name="beforePromotion"/> has started and the tags did not move after all (it failed, it
    /// kept the tags, the promotion was refused and rolled back, or the run was interrupted): what it wrote for the
    /// staged index (signatures) goes again. Never after the tags moved.
    /// </param>
    /// <param name="beforeStaging">
    /// The same kind of check on the composed index before it is pushed (the index is not in the registry yet): when
    /// it keeps the tags, no index is pushed at all (a rebuild of what the tags hold).
    /// </param>
    public async Task<PublishedIndex?> MergeAsync(ImageBuildRequest request, IReadOnlyList<PlatformImage> platforms, BuilderInfo? builder,
        Func<RegistryApi> registry, PromotionGate? beforePromotion = null, CancellationToken interrupted = default, PromotionGate? beforeStaging = null,
        Func<StagedIndex, Task>? notPromoted = null)
    {
        request.RequireTags();
        var repository = ImageReference.Parse(request.Image);
        var own = request.Tags.Where(t => ImageReference.Parse(t) == repository).Select(TagName).ToList();
        var elsewhere = request.Tags.Where(t => ImageReference.Parse(t) != repository).ToList();
        var compose = request.ForIndex(platforms, builder) with { Tags = [], DryRun = true };
        if (docker.DryRun)
        {
            Log.Information($"[dry-run] would compose the index of {string.Join(", ", compose.Sources.Distinct())}, push it by digest, then move {string.Join(", ", request.Tags)} to it, all or none");
            await new StagingCleanup(dryRun: true).RemoveAsync(request.Image, platforms, own, () => throw new InvalidOperationException("a dry run reads no registry"));
            return null;
        }
        using var api = registry();
        IReadOnlyCollection<string>? stillNeeded = null;
        StagedIndex? gated = null;
        var promoted = false;
        try
        {
            var manifest = await ComposeAsync(api, request.Image, compose);
            var promotion = new TagPromotion(api, retry, request.Image);
            var before = await promotion.ReadCurrentAsync(own);
            if (beforeStaging is not null && await beforeStaging(new StagedIndex(manifest, ExistedBefore: false), before) is { } kept)
            {
                Log.Information($"Tags of {request.Image} not moved: {kept}");
                // What the tags hold was just read: the staging cleanup need not read it again.
                stillNeeded = [.. before.Where(t => t.Manifest is not null).SelectMany(t => t.Manifest!.ChildDigests.Prepend(t.Digest!))];
                return null;
            }
            var staged = await promotion.StageAsync(manifest);
            Log.Information($"Index {request.Image}@{staged.Digest} pushed by digest; no tag has moved yet");

            // ── Promotion seam ────────────────────────────────────────────────────────────────────────────────
            // Here the index exists under its digest and every final tag still points where it did (`before`).
            // Whatever must hold before a tag moves goes here, through `beforePromotion`: signing the index and
            // verifying the signature (issue 15). ("Unchanged since <digest>", issue 16, is decided before the
            // index is pushed, by `beforeStaging`.) Failing here (a BuildError) leaves every tag untouched.
            gated = beforePromotion is null ? null : staged;
            if (beforePromotion is not null && await beforePromotion(staged, before) is { } reason)
            {
                Log.Information($"Tags of {request.Image} not moved: {reason}");
                if (notPromoted is not null) await notPromoted(staged);
                gated = null;
                // Nothing names the index this run staged; one that existed before may be what a tag holds.
                if (!staged.ExistedBefore) await DeleteStagedAsync(api, request.Image, staged);
                return null;
            }
            if (interrupted.IsCancellationRequested) throw new BuildError($"Merge interrupted before any tag of {request.Image} moved; every tag is where it was.");
            await promotion.PromoteAsync(staged, before, interrupted);
            promoted = true;
            // Every final tag of this repository is on the new index now: the staging cleanup need not read them back.
            stillNeeded = [staged.Digest, .. manifest.ChildDigests];
            // Another repository holds none of the platform images: buildx copies them there (not all-or-none).
            if (elsewhere.Count > 0)
                await retry.RunAsync($"Copying the index to {string.Join(", ", elsewhere)}", () => docker.RunAsync(
                    new ImagetoolsCreateSettings([$"{request.Image}@{staged.Digest}"]) { Tags = elsewhere, Builder = compose.Builder }.ToCommand()));
            Log.Information($"Published {request.Image}@{staged.Digest} as {string.Join(", ", request.Tags)}");
            return PublishedIndex.FromManifest(manifest);
        }
        catch (Exception) when (gated is not null && !promoted && notPromoted is not null)
        {
            await notPromoted(gated);
            throw;
        }
        finally
        {
            await new StagingCleanup(docker.DryRun).RemoveAsync(request.Image, platforms, own, api, stillNeeded);
        }
    }

    static async Task DeleteStagedAsync(RegistryApi api, string image, StagedIndex staged)
    {
        try { await api.DeleteAsync(staged.Digest); }
        catch (HttpRequestException e) { Log.Warning($"Could not delete the unused index {image}@{staged.Digest} ({e.Message}); Prune removes it later."); }
    }

    /// <summary>The index to push: composed here from the platform indexes, or by buildx when that is not BuildKit's plain case.</summary>
    async Task<ManifestBytes> ComposeAsync(RegistryApi api, string image, ImagetoolsCreateSettings compose)
    {
        var sources = new List<ManifestBytes>();
        foreach (var source in compose.Sources.Distinct())
        {
            var digest = source[(source.LastIndexOf('@') + 1)..];
            sources.Add(await retry.RunHttpAsync($"Reading {source}", () => api.ManifestAsync(digest))
                ?? throw new BuildError($"The registry has no {source}: was it pushed by this run's DockerBuildx (or its per-platform jobs)?"));
        }
        if (IndexComposition.Compose(sources, compose.Annotations) is { } composed) return composed;
        Log.Debug("The index is not BuildKit's plain case: buildx composes it.");
        var result = await retry.RunAsync($"Creating the index for {image}", () => docker.RunAsync(compose.ToCommand(), echoOutput: false));
        // buildx prints exactly the bytes it would push, plus a newline.
        return new ManifestBytes(RegistryApi.IndexMediaType(result.StandardOutput), System.Text.Encoding.UTF8.GetBytes(result.StandardOutput.TrimEnd('\n', '\r')));
    }

    /// <summary>"registry/name:tag" → "tag".</summary>
    static string TagName(string reference) => reference[(reference.LastIndexOf(':') + 1)..];

    async Task<ToolResult> RunBuildAsync(BuildxBuildSettings settings, string? outputPrefix = null, Action<string>? onLine = null)
    {
        if (settings.MetadataFile is { } file) { Directory.CreateDirectory(Path.GetDirectoryName(file)!); File.Delete(file); }
        return await docker.RunAsync(settings.ToCommand(), outputPrefix: outputPrefix, onLine: onLine);
    }

    async Task<BuildMetadata?> BuildAsync(BuildxBuildSettings settings, string what)
    {
        var result = await RunBuildAsync(settings);
        if (!result.Succeeded) throw new BuildError($"{what} failed: {RegistryFailure.Reason(result.StandardError + "\n" + result.StandardOutput)}");
        return docker.DryRun ? null : BuildMetadata.Read(settings.MetadataFile!);
    }
}
