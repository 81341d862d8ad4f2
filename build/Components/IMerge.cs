using Docker;

namespace Components;

/// <summary>
/// Merge: the one step that moves tags. It makes the multi-platform index from the per-platform images (from
/// this run's DockerBuildx, or the digest files per-platform jobs left in --digests-directory) and applies
/// every tag and the index annotations at once; then it removes the staging tags.
/// </summary>
interface IMerge : ISign
{
    Target Merge => _ => _
        .Description("Creates the multi-platform index and applies all tags in one step (also the merge job of per-platform runners)")
        .DependsOn(Tag, Login, SigningKey)
        .After(DockerBuildx)
        .Before(Logout)
        .OnlyWhenDynamic(() => Push)
        .Executes(async () =>
        {
            var platforms = State.TryGet<PushedPlatforms>()?.Platforms
                ?? (DigestsDirectory is { } directory ? PlatformImage.RequireAll(PlatformImage.ReadAll(directory), Platforms, directory)
                    : throw new BuildError("Nothing to merge: run DockerBuildx first, or pass --digests-directory with the per-platform digest files."));
            var request = DockerBuildRequest;
            var published = await new ImagePublisher(DockerCli, RegistryRetry).MergeAsync(request, platforms,
                State.TryGet<BuilderInfo>() ?? (Builder is { } named ? new BuilderInfo(named, "", "", []) : null),
                () => RegistryApiFor(ImageReference.Parse(Image)),
                // Signing (issue 15): the staged index is signed, attested and verified before any tag moves.
                Sign ? index => SignBeforePromotionAsync(index, platforms) : null);
            // The platforms as the index lists them: staging manifests are gone, the platform images stay.
            State.Set(new ImagePublication
            {
                Image = Image, Pushed = published is not null, Digest = published?.Digest, Tags = request.Tags,
                Platforms = published?.Platforms ?? platforms, NotPushedReason = published is null ? "Dry run: nothing was built or pushed." : null,
            });
        });
}
