using Docker;

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

    DockerCli DockerCli
    {
        get
        {
            if (State.TryGet<DockerCli>() is { } cli) return cli;
            State.Set(cli = new DockerCli(DryRun));
            return cli;
        }
    }

    /// <summary>Bounded retries of transient registry failures (docker/buildx commands that talk to the registry).</summary>
    TransientRetry RegistryRetry => new(RetryOptions.Default);
}
