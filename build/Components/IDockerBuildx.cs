using System.Runtime.InteropServices;
using Docker;
using Metadata;

namespace Components;

/// <summary>
/// DockerBuildx: builds dockerfile.mlflow. With Push, each platform is pushed on its own (by digest, or under
/// a staging tag on the docker driver) and no tag moves until Merge; without Push, one platform is loaded into
/// the local engine and several go to an OCI archive.
/// </summary>
interface IDockerBuildx : ITag, ILogin, IHazMlflowVersions
{
    [Parameter("Platforms to build (default: linux/amd64,linux/arm64 on CI, the host's platform locally)", Separator = ',')]
    string[] Platforms => TryGetValue(() => Platforms) is { Length: > 0 } given ? given : IsServerBuild ? ["linux/amd64", "linux/arm64"] : [HostPlatform];

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
        .Description("Builds dockerfile.mlflow with buildx; pushes each platform by digest (Merge tags them) or loads it")
        .DependsOn(Tag, Login)
        .Requires(() => MlflowBuildArgsAreValid)
        .Before(Logout)
        .Executes(async () =>
        {
            var request = DockerBuildRequest;
            // Checked before anything is pushed: per-platform images nobody can tag would only be litter.
            if (request.Push && request.Tags.Count == 0)
                throw new BuildError("Tag computed no tags, so there is nothing to publish the image under; check the tag rules.");
            var builder = await BuilderProbe.ProbeAsync(DockerCli, Builder, request.Platforms, IsServerBuild);
            State.Set(builder);
            var publisher = new ImagePublisher(DockerCli, RegistryRetry);
            if (!request.Push)
            {
                State.Set(await publisher.BuildLocalAsync(request, builder, PushDecision.Reason));
                return;
            }
            // Recorded before the first push: an interrupted or failed push still leaves its staging tag to clean.
            var staged = builder.CanPushByDigest || DryRun ? [] : request.Platforms.Select(p => new PlatformImage(p, "", request.StagingTag(p))).ToList();
            State.Set(new StagingInRegistry(Image, staged, WaitsForMerge: false));
            var platforms = await publisher.PushPlatformsAsync(request, builder, image =>
            {
                if (DigestsDirectory is { } directory && !DryRun) image.WriteTo(directory);
                return Task.CompletedTask;
            });
            State.Set(new PushedPlatforms(Image, platforms));
            // Per-platform runners hand their staging tags to the merge job; a Merge in this run takes them back.
            State.Set(new StagingInRegistry(Image, platforms.Where(p => p.StagingTag is not null).ToList(), WaitsForMerge: DigestsDirectory is not null));
        });

    /// <summary>The build as Tag, the MLflow versions and the parameters describe it (build args validated first).</summary>
    ImageBuildRequest DockerBuildRequest
    {
        get
        {
            var buildArgs = MlflowBuildArgs.ToList();
            var metadata = State.TryGet<MetadataOutput>() ?? new MetadataOutput();
            var environment = GitHub.Context.ProcessEnvironment.Snapshot();
            var push = Push;
            return new ImageBuildRequest
            {
                Image = Image,
                Context = RootDirectory,
                File = RootDirectory / "dockerfile.mlflow",
                Platforms = Platforms.SelectMany(p => p.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Distinct().ToList(),
                BuildArgs = buildArgs,
                Tags = metadata.Tags,
                Labels = metadata.Labels,
                Annotations = metadata.Annotations,
                Push = push,
                Cache = scope => CachePolicy.Choose(environment, push, Image, scope, CacheFrom, CacheTo),
                WorkDirectory = TemporaryDirectory,
                ArchivePath = RootDirectory / "artifacts" / "mlflow.oci.tar",
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
