using Docker;
using Tooling;

namespace Mlflow.Smoke;

/// <summary>
/// The services as containers (GitHub's runners, or wherever their images can be pulled): PostgreSQL and MinIO,
/// pinned by digest (<see cref="SmokeServiceImages"/>), each published on a port of 127.0.0.1 only. MinIO's keys
/// are made for this run and reach docker through its environment.
/// </summary>
/// <param name="postgresImage">The PostgreSQL image (a test gives another).</param>
/// <param name="minioImage">The MinIO image (a test gives another).</param>
internal sealed class ContainerSmokeServices(DockerCli docker, string key, string postgresImage = SmokeServiceImages.Postgres, string minioImage = SmokeServiceImages.Minio)
    : SmokeServices
{
    const string User = "mlflow", Database = "mlflow", Bucket = "mlflow";
    readonly string postgres = $"smoke-postgres-{key}", minio = $"smoke-minio-{key}";
    readonly List<string> started = [];

    public override string Description => $"containers: {postgresImage}, {minioImage}";

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        var accessKey = "smoke" + Guid.NewGuid().ToString("N")[..8];
        // Made as a Secret, so masked from here on.
        var secretKey = new Secret(Guid.NewGuid().ToString("N"));
        await RunAsync(postgres, ["-e", $"POSTGRES_USER={User}", "-e", $"POSTGRES_DB={Database}", "-e", "POSTGRES_HOST_AUTH_METHOD=trust",
            "-p", "127.0.0.1::5432", postgresImage], new Dictionary<string, string?>());
        await RunAsync(minio, ["-e", "MINIO_ROOT_USER", "-e", "MINIO_ROOT_PASSWORD", "-p", "127.0.0.1::9000", minioImage, "server", "/data"],
            new Dictionary<string, string?> { ["MINIO_ROOT_USER"] = accessKey }, new Dictionary<string, Secret> { ["MINIO_ROOT_PASSWORD"] = secretKey });
        var databasePort = await PortAsync(postgres, 5432);
        var s3Port = await PortAsync(minio, 9000);
        // The image's entrypoint runs a socket-only server while it initialises: TCP answers once it is the real one.
        await WaitUntilAsync(async () => (await docker.RunAsync(new ToolCommand("docker", ["exec", postgres, "pg_isready", "-h", "127.0.0.1", "-U", User, "-d", Database]),
            echoOutput: false)).Succeeded, TimeSpan.FromSeconds(90), $"PostgreSQL ({postgres})", cancellationToken);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        await WaitUntilAsync(async () =>
        {
            try { return (await http.GetAsync($"http://127.0.0.1:{s3Port}/minio/health/live", cancellationToken)).IsSuccessStatusCode; }
            catch (HttpRequestException) { return false; }
        }, TimeSpan.FromSeconds(90), $"MinIO ({minio})", cancellationToken);
        Endpoints = new SmokeEndpoints($"postgresql://{User}@127.0.0.1:{databasePort}/{Database}", $"http://127.0.0.1:{s3Port}", Bucket, accessKey, secretKey);
    }

    async Task RunAsync(string name, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string?> environment, IReadOnlyDictionary<string, Secret>? secrets = null)
    {
        // Named before it runs: a container docker created but could not start is removed too.
        started.Add(name);
        var result = await docker.RunAsync(new ToolCommand("docker", ["run", "-d", "--quiet", "--name", name, .. arguments]) { Environment = environment, SecretEnvironment = secrets ?? new Dictionary<string, Secret>() }, echoOutput: false);
        if (!result.Succeeded)
            throw new BuildError($"Could not start {name}: {ToolResult.Lines(result.StandardError).LastOrDefault() ?? $"exit code {result.ExitCode}"}");
    }

    /// <summary>The host port docker published the container's port on ("127.0.0.1:49153").</summary>
    async Task<int> PortAsync(string name, int port)
    {
        var result = await docker.RunAsync(new ToolCommand("docker", ["port", name, $"{port}/tcp"]), echoOutput: false);
        var line = ToolResult.Lines(result.StandardOutput).FirstOrDefault(l => l.StartsWith("127.0.0.1:", StringComparison.Ordinal));
        return line is not null && int.TryParse(line[(line.LastIndexOf(':') + 1)..], out var published)
            ? published : throw new BuildError($"docker published no port for {name} {port}/tcp: {result.StandardError.Trim()}");
    }

    public override async Task<IReadOnlyList<CleanupStep>> StopAsync()
    {
        if (started.Count == 0) return [];
        var result = await docker.RunAsync(new ToolCommand("docker", ["rm", "-f", "-v", .. started]), echoOutput: false);
        CleanupStep stopped = result.Succeeded ? new($"containers {string.Join(", ", started)} removed", true)
            : new($"could not remove {string.Join(", ", started)}: {result.StandardError.Trim()}", false);
        started.Clear();
        return [stopped];
    }
}
