using Build.Tests.Support;
using Mlflow.Smoke;
using Tooling;

namespace Build.Tests.Smoke;

/// <summary>
/// --smoke-services containers against the real dockerd. The pinned postgres and minio images cannot be pulled
/// here, so these tests cover what happens when a service does not come up: one clear reason, and nothing left.
/// </summary>
public class ContainerServicesTests
{
    [SkippableFact]
    public async Task A_service_that_does_not_start_fails_with_its_reason_and_every_container_is_removed()
    {
        Need.Registry();
        var key = Guid.NewGuid().ToString("N")[..8];
        using var sandbox = new Build.Tests.Docker.DockerSandbox();
        await sandbox.LoginToBaseAsync();
        var docker = sandbox.Docker;
        // "PostgreSQL" starts and exits at once (no port to publish); "MinIO" does not exist.
        await using var services = new ContainerSmokeServices(docker, key,
            postgresImage: $"{TestRegistry.StandInImage}:{TestRegistry.StandInVersion}",
            minioImage: $"{TestRegistry.Address}/test-smoke-none-{key}/minio@sha256:{new string('0', 64)}");

        var failure = await Assert.ThrowsAsync<BuildError>(() => services.StartAsync(CancellationToken.None));
        var stopped = await services.StopAsync();

        Assert.StartsWith($"Could not start smoke-minio-{key}: ", failure.Message);
        Assert.Equal([new CleanupStep($"containers smoke-postgres-{key}, smoke-minio-{key} removed", true)], stopped);
        var left = await docker.RunAsync(new ToolCommand("docker", ["ps", "-a", "--filter", $"name={key}", "--format", "{{.Names}}"]), echoOutput: false);
        Assert.Equal("", left.StandardOutput.Trim());
        Assert.Empty(await services.StopAsync());
    }
}
