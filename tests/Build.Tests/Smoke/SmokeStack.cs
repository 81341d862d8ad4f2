using Build.Tests.Docker;
using Build.Tests.Support;
using Tooling;

namespace Build.Tests.Smoke;

/// <summary>
/// What the smoke test's process tests need beyond the registry: the server-capable stand-in base
/// (.ci/stand-in-server/build.sh), PostgreSQL's initdb/pg_ctl, and the pinned s3rver (npm ci in .ci/stand-in-server/s3).
/// </summary>
static class SmokeStack
{
    public static string ServerImage => $"{TestRegistry.Address}/stand-in/mlflow-server";

    public static string StorageServer => Path.Combine(Repo.Root, ".ci", "stand-in-server", "s3", "s3rver");

    static readonly Lazy<string?> Problem = new(FindProblem);

    /// <summary>Skips (fails on CI) unless everything is there; returns the S3 server to pass as --smoke-storage-server.</summary>
    public static string Require()
    {
        Need.Registry();
        Need.Require(Problem.Value);
        return StorageServer;
    }

    static string? FindProblem()
    {
        if (!Directory.Exists(Path.Combine(Repo.Root, ".ci", "stand-in-server", "s3", "node_modules", "@20minutes", "s3rver")))
            return "s3rver is not installed (run: npm ci --prefix .ci/stand-in-server/s3)";
        if (!Directory.Exists("/usr/lib/postgresql") && !File.Exists("/usr/bin/pg_ctl"))
            return "PostgreSQL's server binaries are missing (apt-get install postgresql)";
        var inspect = ToolRunner.RunAsync(new ToolCommand("docker", ["buildx", "imagetools", "inspect", $"{ServerImage}:{TestRegistry.StandInVersion}"]), echoOutput: false)
            .GetAwaiter().GetResult();
        return inspect.Succeeded ? null : $"the server stand-in {ServerImage}:{TestRegistry.StandInVersion} is missing (run: bash .ci/stand-in-server/build.sh)";
    }

    /// <summary>Pushes an amd64 base made from the server stand-in plus <paramref name="runLine"/> (a Dockerfile RUN line).</summary>
    public static async Task PushBaseAsync(DockerSandbox sandbox, string reference, string runLine)
    {
        var directory = Path.Combine(sandbox.WorkDirectory, "base-" + Guid.NewGuid().ToString("N")[..6]);
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "Dockerfile"), $"FROM {ServerImage}:{TestRegistry.StandInVersion}\n{runLine}\n");
        var build = new global::Docker.BuildxBuildSettings(directory)
        {
            Platforms = ["linux/amd64"], Tags = [reference], Provenance = "false", Output = new global::Docker.BuildxOutput.Push(),
        };
        var result = await new global::Registry.TransientRetry(DockerSandbox.FastRetry).RunAsync($"pushing {reference}", () => sandbox.Docker.RunAsync(build.ToCommand()));
        Assert.True(result.Succeeded, result.StandardError);
    }

    /// <summary>
    /// The smoke-test containers a run's output names that are still there (any state), and the service directories it
    /// names that are left. Only this run's: other tests run smoke tests side by side on the same engine.
    /// </summary>
    public static async Task<IReadOnlyList<string>> LeftoversAsync(DockerSandbox sandbox, string output)
    {
        var named = ContainersNamedIn(output).ToHashSet();
        var directories = System.Text.RegularExpressions.Regex.Matches(output, @"/[^\s'""]*/smoke-services-[A-Za-z0-9_]+").Select(m => m.Value).Distinct();
        var containers = await sandbox.Docker.RunAsync(new ToolCommand("docker", ["ps", "-a", "--filter", "name=smoke-", "--format", "{{.Names}}"]), echoOutput: false);
        return [.. ToolResult.Lines(containers.StandardOutput).Where(named.Contains), .. directories.Where(Directory.Exists)];
    }

    /// <summary>ImageSmokeTest's server container: smoke-mlflow-&lt;run id&gt;-&lt;attempt&gt; on Actions, else a random key; then the platform.</summary>
    const string ContainerName = @"smoke-mlflow-(?:[0-9]+-[0-9]+|[0-9a-f]{8})(?:-linux-[a-z0-9-]+)?";

    /// <summary>The smoke-test server containers a run's output names (a test that expects one started checks this too).</summary>
    public static IReadOnlyList<string> ContainersNamedIn(string output) =>
        System.Text.RegularExpressions.Regex.Matches(output, ContainerName).Select(m => m.Value).Distinct().ToList();
}
