using Docker;
using Publishing;
using Registry;

namespace Components;

/// <summary>
/// Merge: the one step that moves tags, all or none. It makes the multi-platform index from the per-platform
/// images (from this run's DockerBuildx, or the digest files per-platform jobs left in --digests-directory),
/// pushes it by digest and then moves every tag to it (a failure or an interrupt puts them back). CleanStaging,
/// an assured target, removes the staging tags on every path that pushed. Signing, where the build class has it
/// (<see cref="ISign"/>), runs at Merge's gates: before the tags move, and when they did not.
/// </summary>
partial interface IMerge : IDockerBuildx
{
    /// <summary>The build's signing when it has it and signing is on for this run; null: Merge publishes unsigned.</summary>
    ISign? Signer => this is ISign { Sign: true } signer ? signer : null;

    /// <summary>The settings of the <c>docker buildx imagetools create</c> that makes the index (NUKE's <c>Configure&lt;T&gt;</c> seam).</summary>
    Configure<ImagetoolsCreateSettings> IndexSettings => settings => settings;

    Target Merge => _ => _
        .Description("Creates the multi-platform index and moves all tags to it, all or none (also the merge job of per-platform runners)")
        .Resolves(ResolveBuildInputsAsync)
        .DependsOn(Tag, Login)
        .TryDependsOn<ISign>(x => x.SigningKey)
        .After(DockerBuildx)
        .Before(Logout)
        .Triggers(CleanStaging)
        // Skipped when nothing is pushed, unless digest files were given: then a missing --push is said, not skipped.
        .OnlyWhenDynamic(() => Push || MergeNeedsPush)
        // The registry connection (and its login challenge) is opened while the build runs.
        .StartsEarly(() => OpenRegistryConnection())
        .Executes(async () =>
        {
            if (MergeNeedsPush)
                throw new BuildError("Merge publishes the index of pushed platform images: add --push (and the registry login parameters).");
            if (Results.TryGet(Unchanged) is { } unchanged) { await KeepUnchangedAsync(unchanged); return; }
            // CI's first job found the inputs published with a tag to restore (CheckInputs): no platform job ran.
            if (Results.TryGet(PushedImages) is null && DigestsDirectory is { } given && !PlatformImage.AnyIn(given))
            {
                if (await CompareInputsAsync(DockerBuildRequest) is { Unchanged: { } found }) { await KeepUnchangedAsync(found); return; }
                throw new BuildError($"No platform digests in {given}, and the final tags hold no image of these inputs: the platform jobs must build first.");
            }
            // This run's DockerBuildx, else the digest files per-platform jobs (or a failed run before --continue) left.
            var platforms = Results.TryGet(PushedImages)?.Platforms
                ?? (DigestsDirectory is { } directory ? PlatformImage.RequireAll(PlatformImage.ReadAll(directory), Platforms, directory)
                    : throw new BuildError("Nothing to merge: run DockerBuildx first, or pass --digests-directory with the per-platform digest files."));
            var request = DockerBuildRequest with { Inputs = await ReadInputsAsync(), ConfigureIndex = IndexSettings };
            // From here on this run owns the staging tags, whether Merge succeeds or not.
            Results.Set(Staging, new StagingInRegistry(Image, platforms.Where(p => p.StagingTag is not null).ToList(), WaitsForMerge: false));
            PublishedIndex? published;
            TagBefore? unchangedSince = null;
            var connection = Once.TryGet(EarlyConnectionOnce) is { } early ? await early.TakeAsync() : null;
            var connect = RegistryApiFactory;
            try
            {
                published = await new ImagePublisher(DockerCli, RegistryRetry).MergeAsync(request, platforms,
                    Results.TryGet(ProbedBuilder) ?? (Builder is { } named ? new BuilderInfo(named, "", "", []) : null),
                    () => Interlocked.Exchange(ref connection, null) ?? connect(),
                    // Signing (issue 15): the pushed index and every platform are signed, attested and verified before any tag moves.
                    beforePromotion: Signer is { } signer ? async (staged, _) => { await signer.SignBeforePromotionAsync(PublishedIndex.FromManifest(staged.Manifest), platforms); return null; } : null,
                    interrupted: Interrupted,
                    // Rebuilds (issue 16): the images the tags already hold move no tag, need no new signature and no new index.
                    beforeStaging: UnchangedIndex.Gate(held => unchangedSince = held),
                    // No orphan signatures: an index no tag moved to loses the signature tags signing gave it.
                    notPromoted: Signer is { } undo ? staged => undo.UndoSigningAsync(staged, request.Tags.Where(t => ImageReference.Parse(t) == ImageReference.Parse(Image)).Select(t => t[(t.LastIndexOf(':') + 1)..]).ToList()) : null);
            }
            finally { Results.Set(Staging, StagingInRegistry.None); }
            if (unchangedSince is { Digest: { } held } tag)
            {
                // The index the tags keep, as Merge read it (the new platforms are the same images anyway).
                var kept = tag.Manifest is { } manifest ? PublishedIndex.FromManifest(manifest) : null;
                // The tags keep what they hold; it must still verify with this run's signer (a rotated key).
                if (Signer is { } current && kept is not null) await current.EnsureUnchangedSignedAsync(kept);
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

    static readonly Once<EarlyRegistryConnection> EarlyConnectionOnce = new("the registry connection Merge opens early");

    /// <summary>Opens the connection Merge will use, when it will push (a dry run reads no registry).</summary>
    /// <remarks>
    /// The run does not wait for the opening when Merge never takes it: it is HTTP in this process, which ends with
    /// the process, and a registry that never answers must not hold a failed run open for its timeout.
    /// </remarks>
    private Task OpenRegistryConnection()
    {
        // A local name (no owner/repo) is never pushed: no registry is asked about it.
        if (Push && !DryRun && ImageNameIsKnown) Once.GetOrCompute(EarlyConnectionOnce, () => new EarlyRegistryConnection(RegistryApiFactory()));
        return Task.CompletedTask;
    }

    /// <summary>The connection Merge opened early, lent to a step that runs before Merge (Merge still takes it); null when none was opened.</summary>
    Task<RegistryApi?> BorrowRegistryConnectionAsync() =>
        Once.TryGet(EarlyConnectionOnce) is { } early ? early.BorrowAsync() : Task.FromResult<RegistryApi?>(null);

    /// <summary>Merge was asked to merge digest files locally without --push (on CI a fork PR is simply not pushed).</summary>
    private bool MergeNeedsPush => !Push && DigestsDirectory != null && IsLocalBuild;

    /// <summary>The registry API of the image's repository with the build's login (<see cref="ILogin.RegistryCredentialsFor"/>, looked up once for all).</summary>
    Func<RegistryApi> RegistryApiFactory
    {
        get
        {
            var repository = ImageReference.Parse(Image);
            var login = RegistryCredentialsFor(repository.Registry);
            return () => new RegistryApi(repository, login);
        }
    }

    /// <summary>This run pushed staging tags that no later job will merge.</summary>
    bool HasStagingToClean => Results.TryGet(Staging) is { WaitsForMerge: false, Platforms.Count: > 0 };

    Target CleanStaging => _ => _
        .Description("Removes this run's staging tags from the registry, also after a failure or an interrupt")
        .Resolves(ResolveGitHubContextAsync)
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
