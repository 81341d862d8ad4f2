using Docker;
using Registry;

namespace Components;

/// <summary>
/// The docker CLI as the Docker targets share it: one <see cref="Docker.DockerCli"/> per run, which with
/// --dry-run prints every docker command in order (secrets masked) and runs none.
/// </summary>
interface IHazDocker : INukeBuild
{
    [Parameter("Print the docker commands in order (secrets masked) and run none of them")]
    bool DryRun => TryGetValue<bool?>(() => DryRun) ?? false;

    [Parameter("buildx builder to use (default: the current one; on GitHub Actions the one setup-buildx-action made)")]
    string? Builder => TryGetValue(() => Builder);

    static readonly Once<DockerCli> DockerCliOnce = new("the docker CLI");

    /// <summary>The run's one docker CLI (made on first use; it holds the docker config Login switches to).</summary>
    DockerCli DockerCli => Once.GetOrCompute(DockerCliOnce, () => new DockerCli(DryRun));

    /// <summary>Bounded retries of transient registry failures (docker/buildx commands that talk to the registry).</summary>
    TransientRetry RegistryRetry => new(RetryOptions.Default);
}
