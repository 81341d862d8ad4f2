using Tooling;

namespace Docker;

/// <summary>
/// Checks that docker, its daemon and buildx are there and asks the builder what it is. Every problem ends in
/// one <see cref="BuildError"/> line that says what is missing and what to do about it.
/// </summary>
internal static class BuilderProbe
{
    /// <summary>
    /// Asks docker what the builder is, printing nothing (so it can run while other targets log; the commands show with --verbosity verbose): the builder and
    /// the engine's version, or a <see cref="BuildError"/> when docker, its daemon, buildx or the builder is missing.
    /// A dry run asks nothing (null).
    /// </summary>
    public static async Task<BuilderAnswer?> AskAsync(DockerCli docker, string? builder)
    {
        if (docker.DryRun) return null;
        if (!IsOnPath("docker"))
            throw new BuildError("Docker is not installed (no 'docker' on PATH): install Docker Engine with the buildx plugin, see https://docs.docker.com/engine/install/");

        // Both at once (each is a process start and a daemon round trip); the daemon's answer is judged first.
        var asking = docker.RunAsync(BuildxCommands.Inspect(builder) with { Quiet = true }, echoOutput: false);
        var server = await docker.RunAsync(new ToolCommand("docker", ["version", "--format", "{{.Server.Version}}"]) { Quiet = true }, echoOutput: false);
        var inspect = await asking;
        if (!server.Succeeded)
            throw new BuildError($"The Docker daemon is not reachable ({FirstErrorLine(server)}): start it (e.g. 'sudo systemctl start docker') or point DOCKER_HOST at a running one.");

        // buildx version is asked only when inspect fails: each plugin start costs about a second here.
        if (!inspect.Succeeded)
        {
            var buildx = await docker.RunAsync(BuildxCommands.Version() with { Quiet = true }, echoOutput: false);
            if (!buildx.Succeeded)
                throw new BuildError($"docker buildx is not available ({FirstErrorLine(buildx)}): install the buildx plugin (Debian: docker-buildx, Docker's packages: docker-buildx-plugin).");
            throw new BuildError(builder is null
                ? $"The current buildx builder cannot be used ({FirstErrorLine(inspect)}): run 'docker buildx use default' or name one with --builder."
                : $"Builder '{builder}' cannot be used ({FirstErrorLine(inspect)}): create it with 'docker buildx create --name {builder} --driver docker-container', or drop --builder.");
        }
        return new BuilderAnswer(BuilderInfo.Parse(inspect.StandardOutput), server.StandardOutput.Trim());
    }

    /// <summary>
    /// The builder to build <paramref name="platforms"/> with, from <paramref name="asked"/> (an <see cref="AskAsync"/>
    /// started earlier in the run) or asked now; says which builder it is, and fails when it lacks a platform.
    /// </summary>
    public static async Task<BuilderInfo> ProbeAsync(DockerCli docker, string? builder, IReadOnlyList<string> platforms, bool onGitHubActions, Task<BuilderAnswer?>? asked = null)
    {
        if (docker.DryRun)
        {
            await docker.RunAsync(BuildxCommands.Inspect(builder));
            // A dry run runs nothing, so it assumes what setup-buildx-action makes on GitHub and the default builder elsewhere.
            var assumed = new BuilderInfo(builder ?? (onGitHubActions ? "builder" : "default"), onGitHubActions ? "docker-container" : "docker", "unknown", platforms);
            Log.Information($"[dry-run] assuming the {assumed.Driver} driver (a real run asks the builder)");
            return assumed;
        }

        var answer = await (asked ?? AskAsync(docker, builder)) ?? throw new InvalidOperationException("Only a dry run has no answer.");
        var info = answer.Builder;
        Log.Information($"{info.Describe()}; docker engine {answer.EngineVersion}");
        var missing = platforms.Where(p => info.Platforms.Count > 0 && !info.Offers(p)).ToList();
        if (missing.Count > 0)
            throw new BuildError($"Builder '{info.Name}' cannot build {string.Join(", ", missing)} (it offers {string.Join(", ", info.Platforms)}): "
                                 + "register QEMU (docker/setup-qemu-action, or apt-get install qemu-user-static binfmt-support) or build that platform on a native runner.");
        return info;
    }

    static string FirstErrorLine(ToolResult result) =>
        Log.Mask(ToolResult.Lines(result.StandardError + "\n" + result.StandardOutput)
            .FirstOrDefault(line => !line.StartsWith("WARNING", StringComparison.Ordinal)) ?? $"exit code {result.ExitCode}");

    static bool IsOnPath(string executable) =>
        (System.Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .Any(directory => File.Exists(Path.Combine(directory, executable)));
}

/// <summary>What docker said about the builder: what it is, and the engine's version.</summary>
internal sealed record BuilderAnswer(BuilderInfo Builder, string EngineVersion);
