using Build.Tests.Support;
using Tooling;

namespace Build.Tests.Dockerfile;

/// <summary>
/// The docker CLI with this test's own DOCKER_CONFIG (others share ~/.docker), logged in to the test
/// registry so builds can pull the stand-in base, which stands in for ghcr.io/mlflow/mlflow.
/// </summary>
internal sealed class StandInDocker : IDisposable
{
    public string WorkDirectory { get; } = Directory.CreateTempSubdirectory("dockerfile-test-").FullName;
    /// <summary>DOCKER_CONFIG for this test's docker commands (and for a ./build.sh it starts).</summary>
    public string ConfigDirectory => Path.Combine(WorkDirectory, "docker-config");

    public StandInDocker() => Directory.CreateDirectory(ConfigDirectory);

    public static async Task<StandInDocker> LoginAsync()
    {
        var docker = new StandInDocker();
        var login = await docker.RunAsync(new ToolCommand("docker", ["login", TestRegistry.Address, "-u", TestRegistry.User, "--password-stdin"])
            { StandardInput = TestRegistry.Password });
        Assert.True(login.Succeeded, login.StandardError);
        var standIn = await docker.RunAsync("buildx", "imagetools", "inspect", $"{TestRegistry.StandInImage}:{TestRegistry.StandInVersion}");
        Need.Require(standIn.Succeeded ? null : $"the stand-in base {TestRegistry.StandInImage}:{TestRegistry.StandInVersion} is missing (run: bash .ci/stack)");
        return docker;
    }

    public Task<ToolResult> RunAsync(params string[] arguments) => RunAsync(new ToolCommand("docker", arguments));

    Task<ToolResult> RunAsync(ToolCommand command) =>
        ToolRunner.RunAsync(command with { Environment = new Dictionary<string, string?> { ["DOCKER_CONFIG"] = ConfigDirectory } }, echoOutput: false);

    /// <summary>`docker buildx build` of a Dockerfile of this repository on the stand-in base, context = the repository.</summary>
    public Task<ToolResult> BuildAsync(string dockerfile, IEnumerable<string> options, IReadOnlyDictionary<string, string> buildArgs) =>
        RunAsync(["buildx", "build", "--file", Path.Combine(Repo.Root, dockerfile), "--progress=plain",
            "--build-arg", "MLFLOW_IMAGE=" + TestRegistry.StandInImage, "--build-arg", "MLFLOW_VERSION=" + TestRegistry.StandInVersion,
            .. buildArgs.SelectMany(a => new[] { "--build-arg", a.Key + "=" + a.Value }), .. options, Repo.Root]);

    /// <summary>Builds for both platforms into an OCI layout directory and reads it back.</summary>
    public async Task<IReadOnlyList<OciPlatformImage>> BuildOciAsync(string name, IReadOnlyDictionary<string, string> buildArgs, params string[] options)
    {
        var destination = Path.Combine(WorkDirectory, name);
        var result = await BuildAsync("dockerfile.mlflow",
            ["--platform", "linux/amd64,linux/arm64", "--output", $"type=oci,dest={destination},tar=false", .. options], buildArgs);
        Assert.True(result.Succeeded, result.StandardError);
        return OciImageLayout.Read(destination);
    }

    /// <summary>The stand-in base's config for one platform, as the registry serves it.</summary>
    public async Task<System.Text.Json.JsonElement> BaseConfigAsync(string platform)
    {
        var result = await RunAsync("buildx", "imagetools", "inspect", $"{TestRegistry.StandInImage}:{TestRegistry.StandInVersion}",
            "--format", "{{json .Image}}");
        Assert.True(result.Succeeded, result.StandardError);
        return System.Text.Json.JsonDocument.Parse(result.StandardOutput).RootElement.GetProperty(platform).GetProperty("config").Clone();
    }

    public void Dispose()
    {
        try { Directory.Delete(WorkDirectory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
