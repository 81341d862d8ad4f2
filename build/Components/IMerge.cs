using Docker;

namespace Components;

/// <summary>
/// Merge: the one step that moves tags, all or none. It makes the multi-platform index from the per-platform
/// images (from this run's DockerBuildx, or the digest files per-platform jobs left in --digests-directory),
/// pushes it by digest and then moves every tag to it (a failure or an interrupt puts them back). CleanStaging,
/// an assured target, removes the staging tags on every path that pushed.
/// </summary>
interface IMerge : ISign
{
    Target Merge => _ => _
        .Description("Creates the multi-platform index and moves all tags to it, all or none (also the merge job of per-platform runners)")
        .DependsOn(Tag, Login, SigningKey)
        .After(DockerBuildx)
        .Before(Logout)
        .Triggers(CleanStaging)
        // Skipped when nothing is pushed, unless digest files were given: then a missing --push is said, not skipped.
        .OnlyWhenDynamic(() => Push || MergeNeedsPush)
        .Executes(async () =>
        {
            if (MergeNeedsPush)
                throw new BuildError("Merge publishes the index of pushed platform images: add --push (and the registry login parameters).");
            // This run's DockerBuildx, else the digest files per-platform jobs (or a failed run before --continue) left.
            var platforms = Results.TryGet(PushedImages)?.Platforms
                ?? (DigestsDirectory is { } directory ? PlatformImage.RequireAll(PlatformImage.ReadAll(directory), Platforms, directory)
                    : throw new BuildError("Nothing to merge: run DockerBuildx first, or pass --digests-directory with the per-platform digest files."));
            var request = DockerBuildRequest;
            // From here on this run owns the staging tags, whether Merge succeeds or not.
            Results.Set(Staging, new StagingInRegistry(Image, platforms.Where(p => p.StagingTag is not null).ToList(), WaitsForMerge: false));
            PublishedIndex? published;
            string? unchangedSince = null;
            try
            {
                published = await new ImagePublisher(DockerCli, RegistryRetry).MergeAsync(request, platforms,
                    Results.TryGet(ProbedBuilder) ?? (Builder is { } named ? new BuilderInfo(named, "", "", []) : null),
                    RegistryApiFactory,
                    PromotionGates.InOrder(
                        // Rebuilds (issue 16): the images the tags already hold move no tag (and need no new signature).
                        UnchangedIndex.Gate(held => unchangedSince = held),
                        // Signing (issue 15): the pushed index and every platform are signed, attested and verified before any tag moves.
                        Sign ? async (staged, _) => { await SignBeforePromotionAsync(PublishedIndex.FromManifest(staged.Manifest), platforms); return null; } : null),
                    interrupted: Interrupted);
            }
            finally { Results.Set(Staging, StagingInRegistry.None); }
            if (unchangedSince is { } held)
            {
                var kept = await KeptIndexAsync(held);
                Results.Set(Publication, new ImagePublication
                {
                    Image = Image, Pushed = true, Digest = held, Tags = request.Tags, Platforms = kept?.Platforms ?? platforms, UnchangedSince = held,
                });
                return;
            }
            // The platforms as the index lists them: staging manifests are gone, the platform images stay.
            Results.Set(Publication, new ImagePublication
            {
                Image = Image, Pushed = published is not null, Digest = published?.Digest, Tags = request.Tags,
                Platforms = published?.Platforms ?? platforms, NotPushedReason = published is null ? "Dry run: nothing was built or pushed." : null,
            });
        });

    /// <summary>The index the tags kept, as the summary lists it (null if it cannot be read: the new platforms are the same images).</summary>
    private async Task<PublishedIndex?> KeptIndexAsync(string digest)
    {
        try
        {
            using var api = RegistryApiFactory();
            return await api.ManifestAsync(digest) is { } manifest ? PublishedIndex.FromManifest(manifest) : null;
        }
        catch (HttpRequestException) { return null; }
    }

    /// <summary>Merge was asked to merge digest files locally without --push (on CI a fork PR is simply not pushed).</summary>
    private bool MergeNeedsPush => !Push && DigestsDirectory != null && IsLocalBuild;

    /// <summary>The registry API with the run's credentials (or, without them, the docker config's).</summary>
    Func<RegistryApi> RegistryApiFactory
    {
        get
        {
            var credentials = RegistryUsername is { } user && RegistryPassword is { } password
                ? (user, password) : DockerCredentials.Find(Registry, DockerCli.Environment);
            return () => new RegistryApi(ImageReference.Parse(Image), credentials?.Item1, credentials?.Item2);
        }
    }

    /// <summary>This run pushed staging tags that no later job will merge.</summary>
    bool HasStagingToClean => Results.TryGet(Staging) is { WaitsForMerge: false, Platforms.Count: > 0 };

    Target CleanStaging => _ => _
        .Description("Removes this run's staging tags from the registry, also after a failure or an interrupt")
        .Unlisted()
        .AssuredCleanup()
        .TriggeredBy(DockerBuildx)
        .After(DockerBuildx, Merge)
        .Before(Logout)
        .OnlyWhenDynamic(() => HasStagingToClean)
        .Executes(async () =>
        {
            var staging = Results.Get(Staging);
            var repository = ImageReference.Parse(staging.Image);
            var finals = (Results.TryGet(TagOutput)?.Tags ?? [])
                .Where(t => ImageReference.Parse(t) == repository).Select(t => t[(t.LastIndexOf(':') + 1)..]).ToList();
            await new StagingCleanup(DryRun).RemoveAsync(staging.Image, staging.Platforms, finals, RegistryApiFactory);
            Results.Set(Staging, StagingInRegistry.None);
        });
}
