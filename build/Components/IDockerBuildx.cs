using System.Runtime.InteropServices;
using Docker;
using Metadata;
using Publishing;

namespace Components;

/// <summary>
/// DockerBuildx: builds the build's <see cref="Dockerfile"/> with its <see cref="BuildArguments"/>. With Push, the platforms of this runner are built in
/// one solve and pushed by digest (or under a staging tag on the docker driver), and no tag moves until Merge;
/// without Push, one platform is loaded into the local engine and several go to an OCI archive.
/// </summary>
partial interface IDockerBuildx : ITag, ILogin
{
    /// <summary>The Dockerfile to build (the build class names its own); the context is the root.</summary>
    AbsolutePath Dockerfile => RootDirectory / "Dockerfile";

    /// <summary>
    /// --build-arg values. Validated when read: a bad value throws a <see cref="BuildError"/> naming its
    /// parameter, which <see cref="BuildArgumentsAreValid"/> turns into a check before any target runs.
    /// </summary>
    IReadOnlyDictionary<string, string> BuildArguments => new Dictionary<string, string>();

    /// <summary>
    /// The settings of every <c>docker buildx build</c> DockerBuildx runs, as the request makes them (NUKE's
    /// <c>Configure&lt;T&gt;</c> seam): a build class overrides this to change them. What it adds counts in the input fingerprint.
    /// </summary>
    Configure<BuildxBuildSettings> BuildxSettings => settings => settings;

    /// <summary>For <c>.Requires(() => BuildArgumentsAreValid)</c>: reading the arguments validates them.</summary>
    bool BuildArgumentsAreValid => BuildArguments is not null;

    /// <summary>The GitHub cache scope (per platform: "&lt;scope&gt;-linux-amd64"); default: the image name's last segment.</summary>
    string CacheScope => ImageNames.LastSegment(ImageName);

    /// <summary>The OCI archive a multi-platform build that is not pushed is written to, under artifacts/.</summary>
    string ArchiveName => ImageNames.LastSegment(ImageName) + ".oci.tar";

    /// <summary>How to run the image, for the hints after a local load and in the summary (null: none).</summary>
    ImageUsage? Usage => null;

    /// <summary>The builder DockerBuildx probed and used (Merge makes the index with the same one).</summary>
    static readonly Result<BuilderInfo> ProbedBuilder = new(nameof(DockerBuildx), "buildx builder");

    /// <summary>DockerBuildx's result when pushing: each platform's image, by digest (Merge indexes them).</summary>
    static readonly Result<PushedPlatforms> PushedImages = new(nameof(DockerBuildx), "pushed platform images");

    /// <summary>The image this run produced: loaded or archived by DockerBuildx, or the index Merge pushed (Summary reports it).</summary>
    static readonly Result<ImagePublication> Publication = new($"{nameof(DockerBuildx)} (without --push) or {nameof(IMerge.Merge)}", "image to report");

    /// <summary>
    /// The staging tags this run pushed and still owns: DockerBuildx records them before the first push, Merge takes
    /// them over, CleanStaging removes them (and writes None).
    /// </summary>
    static readonly Result<StagingInRegistry> Staging = new($"{nameof(DockerBuildx)}, {nameof(IMerge.Merge)} and CleanStaging", "staging tags of this run", Changes: true);

    /// <summary>Names this run's staging tags, one per run: the GitHub run and attempt, else a random one made once.</summary>
    static readonly Once<string> RunKeyOnce = new("the staging run key");

    /// <summary>What CI builds when --platforms is not given; the workflow's per-platform jobs are made from the same list.</summary>
    const string ServerPlatformList = "linux/amd64,linux/arm64";
    static IReadOnlyList<string> ServerPlatforms => ServerPlatformList.Split(',');

    /// <summary>A push publishes both platforms, locally too (it "publishes the way CI does"); a local load only the host's.</summary>
    [Parameter("Platforms to build (default: " + ServerPlatformList + " on CI and whenever pushing, the host's platform for a local load)", Separator = ',')]
    string[] Platforms => TryGetValue(() => Platforms) is { Length: > 0 } given
        // Normalised here, once (the parameter splits at ','): every later step takes the list as it is.
        ? ImageNameRules.NormalisePlatforms(given)
        : IsServerBuild || Push ? [.. ServerPlatforms] : [HostPlatform];

    [Parameter("--cache-from entries (default: GitHub's cache when its runtime is there, else <image>:buildcache-<platform> when pushing)")]
    string[]? CacheFrom => TryGetValue(() => CacheFrom);

    [Parameter("--cache-to entries (default: as CacheFrom, mode=max)")]
    string[]? CacheTo => TryGetValue(() => CacheTo);

    [Parameter("Directory where each platform's digest is written (<platform>=<digest>) for a later Merge")]
    AbsolutePath? DigestsDirectory => TryGetValue(() => DigestsDirectory);

    [Parameter("Attach an SBOM attestation when pushing (default: true)")]
    bool Sbom => TryGetValue<bool?>(() => Sbom) ?? true;

    [Parameter("Build without the build cache")]
    bool NoCache => TryGetValue<bool?>(() => NoCache) ?? false;

    [Parameter("Always pull the base image (default: on a scheduled run, the periodic rebuild that picks up base fixes)")]
    bool Pull => TryGetValue<bool?>(() => Pull) ?? GitHubContext.EventName == "schedule";

    Target DockerBuildx => _ => _
        .Description("Builds the Dockerfile with buildx; pushes each platform by digest (Merge tags them) or loads it")
        .Resolves(ResolveBuildInputsAsync)
        .DependsOn(Tag, Login)
        .Requires(() => BuildArgumentsAreValid)
        .Before(Logout)
        // Idempotent (push by digest, no tag moves; BuildKit's cache makes it quick): --continue reruns it so
        // Merge has this run's platform digests instead of none.
        .RerunOnContinue("Merge needs this run's platform digests; BuildKit's cache makes it quick")
        // Asking docker about the builder takes two process starts: they run while Tag and Login do.
        .StartsEarly(() => AskBuilder())
        .Executes(async () =>
        {
            // The digest files name pushed images; a loaded image has none that Merge could use. (On CI a fork PR
            // passes the directory too and is not pushed by policy: it builds, and Merge is skipped.)
            if (DigestsDirectory != null && !Push && IsLocalBuild)
                throw new BuildError("--digests-directory hands pushed platform images to Merge: add --push (without it the image is only loaded locally).");
            var request = DockerBuildRequest;
            if (request.Push) request.RequireTags();
            // Issue 30: the tags already hold an image of exactly these inputs: nothing to build (Merge keeps or restores the tags).
            if (await CheckInputsAsync(request) is { } check)
            {
                if (check.Unchanged is { } unchanged) { Results.Set(Unchanged, unchanged); return; }
                request = request with { Pull = request.Pull || check.BaseMoved };
            }
            var builder = await BuilderProbe.ProbeAsync(DockerCli, Builder, request.Platforms, IsServerBuild, AskBuilder());
            Results.Set(ProbedBuilder, builder);
            var publisher = new ImagePublisher(DockerCli, RegistryRetry, Background);
            if (!request.Push)
            {
                Results.Set(Publication, await publisher.BuildLocalAsync(request, builder, PushDecision.Reason));
                return;
            }
            // Recorded before the first push: an interrupted or failed push still leaves its staging tag to clean.
            var staged = builder.CanPushByDigest || DryRun ? [] : request.Platforms.Select(p => new PlatformImage(p, "", request.StagingTag)).ToList();
            Results.Set(Staging, new StagingInRegistry(Image, staged, WaitsForMerge: false));
            var platforms = await publisher.PushPlatformsAsync(request, builder, image =>
            {
                if (DigestsDirectory is { } directory && !DryRun) image.WriteTo(directory);
                return Task.CompletedTask;
            });
            Results.Set(PushedImages, new PushedPlatforms(Image, platforms));
            // Per-platform runners hand their staging tags to the merge job; a Merge in this run takes them back.
            Results.Set(Staging, new StagingInRegistry(Image, platforms.Where(p => p.StagingTag is not null).ToList(), WaitsForMerge: DigestsDirectory is not null));
        });

    /// <summary>The build as Tag, the build arguments and the parameters describe it (build args validated first).</summary>
    ImageBuildRequest DockerBuildRequest
    {
        get
        {
            var sourceDate = SourceDate;
            var buildArgs = BuildArguments.Concat(sourceDate.BuildArgs).ToList();
            // Tag's result; none when Tag was skipped (then the build has no tags, and a push says so).
            var metadata = Results.TryGet(TagOutput) ?? new MetadataOutput();
            var environment = EnvironmentVariables;
            var push = Push;
            return new ImageBuildRequest
            {
                Image = Image,
                Context = RootDirectory,
                File = Dockerfile,
                Platforms = Platforms,
                BuildArgs = buildArgs,
                Tags = metadata.Tags,
                // The image says what it holds (ImageVersion: the version of the product it packages), not the git ref, and
                // is dated by its commit, not by the clock, so a rebuild of the commit is the same image.
                Labels = PinnedLabel.Pin(PinnedLabel.Pin(metadata.Labels, PinnedLabel.VersionKey, ImageVersion, Labels), PinnedLabel.CreatedKey, sourceDate.Created, Labels),
                Annotations = PinnedLabel.Pin(PinnedLabel.Pin(metadata.Annotations, PinnedLabel.VersionKey, ImageVersion, Annotations), PinnedLabel.CreatedKey, sourceDate.Created, Annotations),
                Push = push,
                Cache = platform => CachePolicy.Choose(environment, push, Image, platform, CacheFrom, CacheTo, CacheScope),
                WorkDirectory = TemporaryDirectory,
                ArchivePath = RootDirectory / "artifacts" / ArchiveName,
                Usage = Usage,
                RunKey = StagingRunKey,
                Sbom = Sbom,
                Pull = Pull,
                NoCache = NoCache,
                ConfigureBuild = BuildxSettings,
            };
        }
    }

    static readonly Once<Task<BuilderAnswer?>> BuilderAnswerOnce = new("docker's answer about the builder");

    /// <summary>Asks docker about the builder, silently; the first call starts it (early in the run), DockerBuildx awaits it.</summary>
    Task<BuilderAnswer?> AskBuilder() => Once.GetOrCompute(BuilderAnswerOnce, () =>
    {
        // Parameters are read on the run's thread; only the asking leaves it.
        var (docker, builder) = (DockerCli, Builder);
        return Task.Run(() => BuilderProbe.AskAsync(docker, builder));
    });

    static readonly Once<SourceDate> SourceDateOnce = new("the image's source date");

    /// <summary>SOURCE_DATE_EPOCH, else the commit's time (<see cref="Publishing.SourceDate"/>), as <see cref="ResolveBuildInputsAsync"/> found it.</summary>
    SourceDate SourceDate => Once.Get(SourceDateOnce);

    /// <summary>
    /// What the build request reads that takes I/O to find, once: the GitHub context, the source date (git, unless
    /// SOURCE_DATE_EPOCH or a local context has it) and what <see cref="ResolveBuildArgumentsAsync"/> finds. The targets
    /// that read the request declare <c>.Resolves(ResolveBuildInputsAsync)</c>.
    /// </summary>
    async Task ResolveBuildInputsAsync()
    {
        var context = await ResolveGitHubContextAsync();
        var (environment, root) = (EnvironmentVariables, RootDirectory);
        await Once.ResolveAsync(SourceDateOnce, () => Publishing.SourceDate.ResolveAsync(environment, context.CommitDate, root, commitDateIsGits: !context.IsGitHubActions));
        await ResolveBuildArgumentsAsync();
    }

    /// <summary>What <see cref="BuildArguments"/> reads that takes I/O (a build whose arguments ask a registry resolves it here); default: nothing.</summary>
    Task ResolveBuildArgumentsAsync() => Task.CompletedTask;

    /// <summary>The key in this run's staging tag names: made once, so every request of the run names the same tags.</summary>
    string StagingRunKey => Once.GetOrCompute(RunKeyOnce, () =>
        GitHubContext is { RunId: { Length: > 0 } run } context ? $"{run}-{context.RunAttempt}" : Guid.NewGuid().ToString("N")[..8]);

    /// <summary>The engine's own platform; Docker Desktop on Apple silicon and arm64 Linux both report Arm64.</summary>
    static string HostPlatform => RuntimeInformation.OSArchitecture == Architecture.Arm64 ? "linux/arm64" : "linux/amd64";
}
