using Docker;

namespace Components;

/// <summary>
/// Merge: the one step that moves tags. It makes the multi-platform index from the per-platform images (from
/// this run's DockerBuildx, or the digest files per-platform jobs left in --digests-directory) and applies
/// every tag and the index annotations at once; then it removes the staging tags.
/// </summary>
interface IMerge : IDockerBuildx
{
    Target Merge => _ => _
        .Description("Creates the multi-platform index and applies all tags in one step (also the merge job of per-platform runners)")
        .DependsOn(Tag, Login)
        .After(DockerBuildx)
        .Before(Logout)
        // Skipped when nothing is pushed, unless digest files were given: then a missing --push is said, not skipped.
        .OnlyWhenDynamic(() => Push || MergeNeedsPush)
        .Executes(async () =>
        {
            if (MergeNeedsPush)
                throw new BuildError("Merge publishes the index of pushed platform images: add --push (and the registry login parameters).");
            var platforms = State.TryGet<PushedPlatforms>()?.Platforms
                ?? (DigestsDirectory is { } directory ? PlatformImage.RequireAll(PlatformImage.ReadAll(directory), Platforms, directory)
                    : throw new BuildError("Nothing to merge: run DockerBuildx first, or pass --digests-directory with the per-platform digest files."));
            var request = DockerBuildRequest;
            var credentials = RegistryUsername is { } user && RegistryPassword is { } password
                ? (user, password) : DockerCredentials.Find(Registry, DockerCli.Environment);
            var published = await new ImagePublisher(DockerCli, RegistryRetry).MergeAsync(request, platforms,
                State.TryGet<BuilderInfo>() ?? (Builder is { } named ? new BuilderInfo(named, "", "", []) : null),
                () => new RegistryApi(ImageReference.Parse(Image), credentials?.Item1, credentials?.Item2));
            // The platforms as the index lists them: staging manifests are gone, the platform images stay.
            State.Set(new ImagePublication
            {
                Image = Image, Pushed = published is not null, Digest = published?.Digest, Tags = request.Tags,
                Platforms = published?.Platforms ?? platforms, NotPushedReason = published is null ? "Dry run: nothing was built or pushed." : null,
            });
        });

    /// <summary>Merge was asked to merge digest files locally without --push (on CI a fork PR is simply not pushed).</summary>
    private bool MergeNeedsPush => !Push && DigestsDirectory != null && IsLocalBuild;
}
