using System.Runtime.InteropServices;
using Docker;
using Metadata;

namespace Components;

/// <summary>
/// DockerBuildx: builds the build's <see cref="Dockerfile"/> with its <see cref="BuildArguments"/>. With Push, each platform is pushed on its own (by digest, or under
/// a staging tag on the docker driver) and no tag moves until Merge; without Push, one platform is loaded into
/// the local engine and several go to an OCI archive.
/// </summary>
interface IDockerBuildx : ITag, ILogin
{
    /// <summary>The Dockerfile to build (the build class names its own); the context is the root.</summary>
    AbsolutePath Dockerfile => RootDirectory / "Dockerfile";

    /// <summary>
    /// --build-arg values. Validated when read: a bad value throws a <see cref="BuildError"/> naming its
    /// parameter, which <see cref="BuildArgumentsAreValid"/> turns into a check before any target runs.
    /// </summary>
    IReadOnlyDictionary<string, string> BuildArguments => new Dictionary<string, string>();

    /// <summary>For <c>.Requires(() => BuildArgumentsAreValid)</c>: reading the arguments validates them.</summary>
    bool BuildArgumentsAreValid => BuildArguments is not null;

    /// <summary>The GitHub cache scope (per platform: "&lt;scope&gt;-linux-amd64"); default: the image name's last segment.</summary>
    string CacheScope => ImageNames.LastSegment(ImageName);

    /// <summary>The OCI archive a multi-platform build that is not pushed is written to, under artifacts/.</summary>
    string ArchiveName => ImageNames.LastSegment(ImageName) + ".oci.tar";

    /// <summary>How to run the image, for the hints after a local load and in the summary (null: none).</summary>
    ImageUsage? Usage => null;

    /// <summary>What CI builds when --platforms is not given; the workflow's per-platform jobs are made from the same list.</summary>
    const string ServerPlatformList = "linux/amd64,linux/arm64";
    static IReadOnlyList<string> ServerPlatforms => ServerPlatformList.Split(',');

    [Parameter("Platforms to build (default: " + ServerPlatformList + " on CI, the host's platform locally)", Separator = ',')]
    string[] Platforms => TryGetValue(() => Platforms) is { Length: > 0 } given ? given : IsServerBuild ? [.. ServerPlatforms] : [HostPlatform];

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

    [Parameter("Always pull the base image")]
    bool Pull => TryGetValue<bool?>(() => Pull) ?? false;

    Target DockerBuildx => _ => _
        .Description("Builds the Dockerfile with buildx; pushes each platform by digest (Merge tags them) or loads it")
        .DependsOn(Tag, Login)
        .Requires(() => BuildArgumentsAreValid)
        .Before(Logout)
        .Executes(async () =>
        {
            var request = DockerBuildRequest;
            if (request.Push) request.RequireTags();
            var builder = await BuilderProbe.ProbeAsync(DockerCli, Builder, request.Platforms, IsServerBuild);
            State.Set(builder);
            var publisher = new ImagePublisher(DockerCli, RegistryRetry);
            if (!request.Push)
            {
                State.Set(await publisher.BuildLocalAsync(request, builder, PushDecision.Reason));
                return;
            }
            var platforms = await publisher.PushPlatformsAsync(request, builder, image =>
            {
                if (DigestsDirectory is { } directory && !DryRun) image.WriteTo(directory);
                return Task.CompletedTask;
            });
            State.Set(new PushedPlatforms(Image, platforms));
        });

    /// <summary>The build as Tag, the build arguments and the parameters describe it (build args validated first).</summary>
    ImageBuildRequest DockerBuildRequest
    {
        get
        {
            var buildArgs = BuildArguments.ToList();
            var metadata = State.TryGet<MetadataOutput>() ?? new MetadataOutput();
            var environment = EnvironmentVariables;
            var push = Push;
            return new ImageBuildRequest
            {
                Image = Image,
                Context = RootDirectory,
                File = Dockerfile,
                Platforms = Platforms.SelectMany(p => p.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Distinct().ToList(),
                BuildArgs = buildArgs,
                Tags = metadata.Tags,
                Labels = metadata.Labels,
                Annotations = metadata.Annotations,
                Push = push,
                Cache = platform => CachePolicy.Choose(environment, push, Image, platform, CacheFrom, CacheTo, CacheScope),
                WorkDirectory = TemporaryDirectory,
                ArchivePath = RootDirectory / "artifacts" / ArchiveName,
                Usage = Usage,
                RunKey = GitHubContext.RunId is { Length: > 0 } run ? $"{run}-{GitHubContext.RunAttempt}" : Guid.NewGuid().ToString("N")[..8],
                Sbom = Sbom,
                Pull = Pull,
                NoCache = NoCache,
            };
        }
    }

    /// <summary>The engine's own platform; Docker Desktop on Apple silicon and arm64 Linux both report Arm64.</summary>
    private static string HostPlatform => RuntimeInformation.OSArchitecture == Architecture.Arm64 ? "linux/arm64" : "linux/amd64";
}
