using Tooling;

namespace Docker;

/// <summary>
/// Runs the builds of a request. Pushing is two-phase so that tags move atomically: every platform is pushed
/// by digest (or under a staging tag), and only <see cref="MergeAsync"/> puts the tags on the finished index.
/// A failure before that leaves every existing tag where it was.
/// </summary>
public sealed class ImagePublisher(DockerCli docker, TransientRetry retry)
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
            Platforms = request.Platforms.Count == 1 && metadata?.Digest is { } digest ? [new PlatformImage(request.Platforms[0], digest)] : [],
            Archive = request.Platforms.Count == 1 ? null : request.ArchiveFile,
        };
    }

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

    /// <summary>The one step that moves tags: an index over the platforms, every tag and the index annotations at once (null in a dry run).</summary>
    public async Task<PublishedIndex?> MergeAsync(ImageBuildRequest request, IReadOnlyList<PlatformImage> platforms, BuilderInfo? builder, Func<RegistryApi> registry)
    {
        request.RequireTags();
        var create = request.ForIndex(platforms, builder);
        await retry.RunAsync($"Creating the index for {string.Join(", ", request.Tags)}", () => docker.RunAsync(create.ToCommand()));
        PublishedIndex? published = null;
        if (!docker.DryRun)
        {
            var inspect = await retry.RunAsync($"Reading back {request.Tags[0]}", () => docker.RunAsync(
                new ImagetoolsInspectSettings(request.Tags[0]) { Format = "{{json .Manifest}}", Builder = create.Builder }.ToCommand(), echoOutput: false));
            published = PublishedIndex.Parse(inspect.StandardOutput);
            Log.Information($"Published {request.Image}@{published.Digest} as {string.Join(", ", request.Tags)}");
        }
        await new StagingCleanup(docker.DryRun).RemoveAsync(request.Image, platforms, published?.Digest, registry);
        return published;
    }

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
