using Build.Tests.Support;
using Docker;
using Publishing;
using Registry;

namespace Build.Tests.Docker;

/// <summary>
/// A test's own DOCKER_CONFIG (the shared ~/.docker/config.json stays untouched) and a small fixture build
/// context on the stand-in base: a COPY and a RUN (under QEMU for arm64), so the cache has steps to reuse.
/// </summary>
internal sealed class DockerSandbox : IDisposable
{
    public static readonly RetryOptions FastRetry = new(MaxAttempts: 3, BaseDelaySeconds: 0.2, MaxDelaySeconds: 1);

    readonly string root = Directory.CreateTempSubdirectory("docker-sandbox-").FullName;

    public DockerSandbox(IReadOnlyDictionary<string, string?>? extraEnvironment = null)
    {
        Directory.CreateDirectory(ConfigDirectory);
        Directory.CreateDirectory(Context);
        var environment = new Dictionary<string, string?> { ["DOCKER_CONFIG"] = ConfigDirectory };
        foreach (var pair in extraEnvironment ?? new Dictionary<string, string?>()) environment[pair.Key] = pair.Value;
        Docker = new DockerCli(environment: environment);
        File.WriteAllText(Path.Combine(Context, "Dockerfile"), """
            ARG MLFLOW_IMAGE
            ARG MLFLOW_VERSION
            FROM ${MLFLOW_IMAGE}:${MLFLOW_VERSION}
            COPY fixture.txt /fixture.txt
            RUN echo "built on $(uname -m): $(cat /fixture.txt)" > /built.txt
            LABEL org.example.fixture=yes
            """);
        WriteFixture("first");
    }

    public string ConfigDirectory => Path.Combine(root, "docker-config");
    public string Context => Path.Combine(root, "context");
    public string WorkDirectory => Path.Combine(root, "work");
    public DockerCli Docker { get; }

    /// <summary>Changes the content, so the next build yields new digests.</summary>
    public void WriteFixture(string content) => File.WriteAllText(Path.Combine(Context, "fixture.txt"), content + "\n");

    public async Task LoginAsync(string registry, string user, string password) =>
        await new TransientRetry(FastRetry).RunAsync($"docker login to {registry}", () => Docker.RunAsync(new DockerLoginSettings(registry, user, new Secret(password)).ToCommand()));

    /// <summary>Logs in to the shared registry, which holds the (auth-only) stand-in base image.</summary>
    public Task LoginToBaseAsync() => LoginAsync(TestRegistry.Address, TestRegistry.User, TestRegistry.Password);

    public ImageBuildRequest Request(string image, IReadOnlyList<string> tagNames, bool push, IReadOnlyList<string>? platforms = null) => new()
    {
        Image = image,
        Context = Context,
        File = Path.Combine(Context, "Dockerfile"),
        Platforms = platforms ?? ["linux/amd64", "linux/arm64"],
        BuildArgs = [new("MLFLOW_IMAGE", TestRegistry.StandInImage), new("MLFLOW_VERSION", TestRegistry.StandInVersion)],
        Tags = tagNames.Select(t => $"{image}:{t}").ToList(),
        Labels = ["org.opencontainers.image.title=fixture", "org.opencontainers.image.version=" + tagNames.FirstOrDefault()],
        Annotations = ["manifest:org.opencontainers.image.title=fixture", "manifest:org.opencontainers.image.description=made by a test"],
        Push = push,
        Cache = scope => CachePolicy.Choose(new Dictionary<string, string?>(), push, image, scope),
        WorkDirectory = WorkDirectory,
        RunKey = Guid.NewGuid().ToString("N")[..8],
        // The SBOM scanner stand-in lives on the docker.io mirror; see docker-stack.md.
        Sbom = true,
    };

    public static string UniqueRepository(string what) => $"test-docker-{what}-{Guid.NewGuid().ToString("N")[..8]}/mlflow";

    public void Dispose() => Directory.Delete(root, true);
}
