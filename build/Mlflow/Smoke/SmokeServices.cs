using System.Net;
using System.Net.Sockets;

namespace Mlflow.Smoke;

/// <summary>Where the smoke test's PostgreSQL and S3 store come from: processes on this machine, or containers.</summary>
internal enum SmokeServiceMode { Local, Containers }

/// <summary>
/// What the server in the image is given, as it sees them from the host's network: the backend store URI, the S3
/// endpoint and bucket, and the S3 keys (passed to containers through the environment of the docker process,
/// never in argv).
/// </summary>
internal sealed record SmokeEndpoints(string DatabaseUri, string S3Endpoint, string Bucket, string AccessKey, Secret SecretKey)
{
    /// <summary>MLflow's own variables for an S3-compatible artifact store (boto3 reads the two AWS ones); the secret key is in <see cref="S3Secrets"/>.</summary>
    public IReadOnlyDictionary<string, string?> S3Environment => new Dictionary<string, string?>
    {
        ["MLFLOW_S3_ENDPOINT_URL"] = S3Endpoint, ["AWS_ACCESS_KEY_ID"] = AccessKey,
    };

    /// <summary>The S3 secret key, for a child's environment only.</summary>
    public IReadOnlyDictionary<string, Secret> S3Secrets => new Dictionary<string, Secret> { ["AWS_SECRET_ACCESS_KEY"] = SecretKey };
}

/// <summary>
/// The images the containers mode runs and the compose file names: each pinned by the digest of its multi-platform
/// index, so a moved tag changes nothing here. MinIO's last community image is RELEASE.2025-09-07T16-13-09Z.
/// </summary>
internal static class SmokeServiceImages
{
    public const string Postgres = "postgres:16.4@sha256:e62fbf9d3e2b49816a32c400ed2dba83e3b361e6833e624024309c35d334b412";
    public const string Minio = "minio/minio:RELEASE.2025-09-07T16-13-09Z@sha256:14cea493d9a34af32f524e538b8346cf79f3321eff8e708c1e2960462bd8936e";
}

/// <summary>One thing the smoke test stopped or removed at its end, or failed to (<paramref name="Done"/> false).</summary>
internal sealed record CleanupStep(string What, bool Done);

/// <summary>PostgreSQL and an S3 store for one smoke test; disposing stops them and removes what they stored.</summary>
internal abstract class SmokeServices : IAsyncDisposable
{
    /// <summary>Set once <see cref="StartAsync"/> has returned.</summary>
    public SmokeEndpoints Endpoints { get; protected set; } = new("", "", "", "", new Secret(""));

    /// <summary>What runs, for the report ("local: PostgreSQL 15 (initdb), s3rver 4.0.4").</summary>
    public abstract string Description { get; }

    public abstract Task StartAsync(CancellationToken cancellationToken);

    /// <summary>Stops and removes everything started; the steps say what (for the report).</summary>
    public abstract Task<IReadOnlyList<CleanupStep>> StopAsync();

    public async ValueTask DisposeAsync() => await StopAsync();

    /// <summary>A TCP port free on 127.0.0.1 right now (for the server in the image, which shares the host's network).</summary>
    public static int FreePort() => Docker.HostPorts.SystemChosen(IPAddress.Loopback);

    /// <summary>Polls <paramref name="ready"/> until it is true, or fails with <paramref name="what"/> after <paramref name="timeout"/>.</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> ready, TimeSpan timeout, string what, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await ready())
        {
            if (DateTime.UtcNow > deadline) throw new BuildError($"{what} did not become ready within {timeout.TotalSeconds:0} s.");
            await Task.Delay(250, cancellationToken);
        }
    }
}
