using System.Diagnostics;
using System.Text.RegularExpressions;
using Docker;
using Publishing;
using Tooling;

namespace Mlflow.Smoke;

/// <summary>What the smoke test expects of the image: the MLflow version its tag names, and whether that version needs --allowed-hosts.</summary>
/// <param name="ExpectedVersion">"3.1.1" (from the tag v3.1.1); a tag that names no version ("latest") is reported, not compared.</param>
internal sealed record SmokeExpectations(string ExpectedVersion, bool NeedsAllowedHosts);

/// <summary>
/// Runs the just-built image as its default user and checks it serves MLflow: the user, `mlflow --version`, the
/// drivers, then a real server on PostgreSQL and S3 (health, an experiment, a run with a parameter, a metric and an
/// artifact through the REST API and the artifact proxy, read back, and found in both stores). Everything it starts
/// is stopped and removed, also after a failure; the first failed check ends the list.
/// </summary>
/// <param name="key">Names this run's containers and experiments, so runs side by side do not meet.</param>
internal sealed partial class ImageSmokeTest(DockerCli docker, SmokeServices services, SmokeExpectations expected, string key)
{
    const string Param = "smoke_param", Metric = "smoke_metric", Artifact = "smoke.txt";
    readonly List<SmokeCheck> checks = [];
    readonly List<CleanupStep> cleanup = [];
    IReadOnlyList<string> serverLog = [];

    /// <param name="platforms">The platforms to run (null: the image's only one); those foreign to this machine run through QEMU.</param>
    public async Task<SmokeReport> RunAsync(string image, IReadOnlyList<string?> platforms, string hostPlatform, CancellationToken cancellationToken)
    {
        try
        {
            foreach (var platform in platforms)
                if (!await CheckImageAsync(image, platform)) return Report(image);
            if (!await Check("PostgreSQL and S3 store started", async () => { await services.StartAsync(cancellationToken); return services.Description; })) return Report(image);
            if (!await Check("S3 bucket created with the image's boto3", () => CreateBucketAsync(image, platforms[0]))) return Report(image);
            foreach (var platform in platforms)
                if (!await CheckServerAsync(image, platform, platform is not null && platform != hostPlatform, cancellationToken)) return Report(image);
            return Report(image);
        }
        finally
        {
            var watch = Stopwatch.StartNew();
            cleanup.AddRange(await services.StopAsync());
            if (cleanup.Count > 0)
                checks.Add(new SmokeCheck("stopped and removed", cleanup.All(c => c.Done), watch.Elapsed, string.Join("; ", cleanup.Select(c => c.What))));
        }
    }

    SmokeReport Report(string image) => new() { Image = image, Checks = checks, Services = services.Description, ServerLog = serverLog };

    async Task<bool> CheckImageAsync(string image, string? platform)
    {
        var on = platform is null ? "" : $"{platform}: ";
        return await Check(on + "runs as a non-root user that can write its working directory", async () =>
        {
            var output = await PythonAsync(image, platform, "import os, tempfile; tempfile.TemporaryFile(dir='.').close(); print(os.getuid(), os.getgid(), os.getcwd())");
            var parts = output.Split(' ', 3);
            if (parts[0] == "0") throw new BuildError($"runs as root (uid 0, gid {parts.ElementAtOrDefault(1)})");
            return $"uid {parts[0]}, gid {parts.ElementAtOrDefault(1)}, {parts.ElementAtOrDefault(2)} writable";
        })
        && await Check(on + "mlflow --version matches the tag", async () =>
        {
            var output = await RunOnceAsync(image, platform, ["mlflow", "--version"]);
            var reported = VersionLine().Match(output) is { Success: true } match ? match.Groups[1].Value : throw new BuildError($"no version in: {output}");
            if (expected.ExpectedVersion.Length == 0 || !char.IsAsciiDigit(expected.ExpectedVersion[0]))
                return $"{reported} (the tag names no version to compare)";
            return reported == expected.ExpectedVersion || expected.ExpectedVersion.StartsWith(reported + "-", StringComparison.Ordinal)
                ? $"mlflow {reported}" : throw new BuildError($"the image has MLflow {reported}, its tag says {expected.ExpectedVersion}");
        })
        && await Check(on + "import boto3, psycopg2", async () =>
            await PythonAsync(image, platform, "import boto3, psycopg2; print('boto3', boto3.__version__ + ',', 'psycopg2', psycopg2.__version__.split()[0])"));
    }

    async Task<bool> CheckServerAsync(string image, string? platform, bool emulated, CancellationToken cancellationToken)
    {
        var on = platform is null ? "" : $"{platform}: ";
        var endpoints = services.Endpoints;
        var port = SmokeServices.FreePort();
        var name = $"smoke-mlflow-{key}" + (platform is null ? "" : "-" + PlatformImage.Slug(platform));
        List<string> server = ["mlflow", "server", "--backend-store-uri", endpoints.DatabaseUri, "--artifacts-destination", $"s3://{endpoints.Bucket}/artifacts",
            "--host", "127.0.0.1", "--port", port.ToString()];
        if (expected.NeedsAllowedHosts) server.AddRange(["--allowed-hosts", $"127.0.0.1:{port},localhost:{port}"]);
        using var mlflow = new MlflowRestClient(new Uri($"http://127.0.0.1:{port}/"));
        var started = false;
        string runId = "", artifactPath = "";
        var value = Guid.NewGuid().ToString("N")[..12];
        try
        {
            return await Check(on + "mlflow server answers /health", async () =>
                {
                    Log.Information($"Smoke test: server container {name} ({image}) on 127.0.0.1:{port}");
                    var run = await docker.RunAsync(Docker(["run", "-d", "--quiet", "--name", name, "--network", "host", .. PlatformOption(platform),
                        "-e", "MLFLOW_S3_ENDPOINT_URL", "-e", "AWS_ACCESS_KEY_ID", "-e", "AWS_SECRET_ACCESS_KEY", image, .. server]) with { Environment = endpoints.S3Environment, SecretEnvironment = endpoints.S3Secrets },
                        echoOutput: false);
                    started = run.Succeeded;
                    if (!run.Succeeded) throw new BuildError("docker run failed: " + Last(run));
                    await WaitHealthyAsync(mlflow, name, emulated ? TimeSpan.FromMinutes(5) : TimeSpan.FromMinutes(2), cancellationToken);
                    return $"{string.Join(' ', server.Take(2))} on 127.0.0.1:{port}" + (expected.NeedsAllowedHosts ? " with --allowed-hosts" : "") + (emulated ? " (QEMU)" : "");
                })
                && await Check(on + "experiment, run, parameter, metric and artifact logged", async () =>
                {
                    var experiment = await mlflow.CreateExperimentAsync($"smoke-{key}" + (platform is null ? "" : "-" + PlatformImage.Slug(platform)));
                    var info = await mlflow.CreateRunAsync(experiment, "smoke-test");
                    runId = info["run_id"]?.GetValue<string>() ?? throw new BuildError("runs/create answered no run_id");
                    artifactPath = ProxyPath(info["artifact_uri"]?.GetValue<string>() ?? "") + "/" + Artifact;
                    await mlflow.LogParameterAsync(runId, Param, value);
                    await mlflow.LogMetricAsync(runId, Metric, 0.75, 3);
                    await mlflow.UploadArtifactAsync(artifactPath, "smoke " + value);
                    await mlflow.FinishRunAsync(runId);
                    return $"experiment {experiment}, run {runId}, artifact mlflow-artifacts:/{artifactPath}";
                })
                && await Check(on + "run read back", async () =>
                {
                    var run = await mlflow.GetRunAsync(runId);
                    var param = (run["data"]?["params"] as System.Text.Json.Nodes.JsonArray ?? []).FirstOrDefault(p => p?["key"]?.GetValue<string>() == Param)?["value"]?.GetValue<string>();
                    var metric = (run["data"]?["metrics"] as System.Text.Json.Nodes.JsonArray ?? []).FirstOrDefault(m => m?["key"]?.GetValue<string>() == Metric)?["value"]?.GetValue<double>();
                    var status = run["info"]?["status"]?.GetValue<string>();
                    if (param != value || metric != 0.75 || status != "FINISHED")
                        throw new BuildError($"runs/get answered param {param ?? "none"}, metric {metric?.ToString() ?? "none"}, status {status ?? "none"}");
                    var directory = artifactPath[..artifactPath.LastIndexOf('/')];
                    var listed = (await mlflow.ListArtifactsAsync(directory)).Select(f => f?["path"]?.GetValue<string>()).ToList();
                    if (!listed.Any(p => p == Artifact || p?.EndsWith("/" + Artifact, StringComparison.Ordinal) == true))
                        throw new BuildError($"the artifact list of {directory} lacks {Artifact}: {string.Join(", ", listed)}");
                    var content = await mlflow.DownloadArtifactAsync(artifactPath);
                    return content == "smoke " + value ? $"{Param}, {Metric}=0.75, status FINISHED, {Artifact} listed and downloaded"
                        : throw new BuildError($"{Artifact} came back as '{content}'");
                })
                && await Check(on + "run in PostgreSQL, artifact in S3", async () => await StoresAsync(image, platform, runId));
        }
        finally
        {
            if (started)
            {
                if (checks.Any(c => !c.Passed)) serverLog = await LastLogLinesAsync(name);
                var removed = await docker.RunAsync(Docker(["rm", "-f", "-v", name]), echoOutput: false);
                cleanup.Add(removed.Succeeded ? new($"server container {name} removed", true) : new($"could not remove {name}: {Last(removed)}", false));
            }
        }
    }

    async Task WaitHealthyAsync(MlflowRestClient mlflow, string name, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        for (var round = 0; !await mlflow.HealthyAsync(cancellationToken); round++)
        {
            // A server that exited says so, whenever it is seen: also at the deadline (a slow machine may reach it first).
            var late = watch.Elapsed > timeout;
            if (round % 4 == 3 || late) await ThrowIfExitedAsync(name);
            if (late) throw new BuildError($"/health did not answer OK within {timeout.TotalSeconds:0} s");
            await Task.Delay(500, cancellationToken);
        }
    }

    async Task ThrowIfExitedAsync(string name)
    {
        var state = await docker.RunAsync(Docker(["inspect", "--format", "{{.State.Running}} {{.State.ExitCode}}", name]), echoOutput: false);
        if (state.StandardOutput.StartsWith("false", StringComparison.Ordinal))
            throw new BuildError($"the server exited (code {state.StandardOutput.Trim().Split(' ').Last()}) before /health answered");
    }

    /// <summary>"mlflow-artifacts:/1/abc/artifacts" (or with //host:port) → "1/abc/artifacts", the proxy's path.</summary>
    static string ProxyPath(string artifactUri)
    {
        if (!artifactUri.StartsWith("mlflow-artifacts:", StringComparison.Ordinal))
            throw new BuildError($"the run's artifacts do not go through the proxy: artifact_uri {artifactUri}");
        var rest = artifactUri["mlflow-artifacts:".Length..];
        if (rest.StartsWith("//", StringComparison.Ordinal)) rest = rest[(rest.IndexOf('/', 2) is var slash and >= 0 ? slash : rest.Length)..];
        return rest.Trim('/');
    }

    /// <summary>The bucket, made as compose.yaml makes it: with the image's boto3.</summary>
    Task<string> CreateBucketAsync(string image, string? platform) =>
        PythonAsync(image, platform, ComposeFile.CreateBucketPython(services.Endpoints.Bucket), network: true);

    /// <summary>Asks both stores directly (with the image's own drivers) whether the run and the artifact are there.</summary>
    async Task<string> StoresAsync(string image, string? platform, string runId)
    {
        var output = await PythonAsync(image, platform, string.Join('\n',
            "import os, boto3, psycopg2",
            "run = os.environ['SMOKE_RUN_ID']",
            "db = psycopg2.connect(os.environ['SMOKE_DATABASE_URI'])",
            "cur = db.cursor()",
            "cur.execute('SELECT count(*) FROM runs WHERE run_uuid = %s', (run,)); runs = cur.fetchone()[0]",
            $"cur.execute('SELECT count(*) FROM params WHERE run_uuid = %s AND key = %s', (run, '{Param}')); params = cur.fetchone()[0]",
            $"cur.execute('SELECT count(*) FROM metrics WHERE run_uuid = %s AND key = %s', (run, '{Metric}')); metrics = cur.fetchone()[0]",
            "db.close()",
            "s3 = boto3.client('s3', endpoint_url=os.environ['MLFLOW_S3_ENDPOINT_URL'])",
            "keys = [o['Key'] for o in s3.list_objects_v2(Bucket=os.environ['SMOKE_BUCKET']).get('Contents', []) if run in o['Key']]",
            "print(runs, params, metrics, ' '.join(keys) or '-')"), network: true, runId: runId);
        var parts = output.Split(' ', 4);
        if (parts is not ["1", "1", var metrics, var keys] || metrics == "0" || !keys.Contains(Artifact))
            throw new BuildError($"PostgreSQL runs/params/metrics rows and S3 keys for the run: {output}");
        return $"PostgreSQL: the run, its parameter and metric; S3: s3://{services.Endpoints.Bucket}/{keys}";
    }

    async Task<string> PythonAsync(string image, string? platform, string code, bool network = false, string? runId = null) =>
        await RunOnceAsync(image, platform, ["python", "-c", code], network, runId);

    /// <summary>One short-lived container of the image (its default user and entrypoint), removed when it ends; its output.</summary>
    async Task<string> RunOnceAsync(string image, string? platform, IReadOnlyList<string> command, bool network = false, string? runId = null)
    {
        var endpoints = services.Endpoints;
        var environment = network ? new Dictionary<string, string?>(endpoints.S3Environment)
            { ["SMOKE_BUCKET"] = endpoints.Bucket, ["SMOKE_DATABASE_URI"] = endpoints.DatabaseUri, ["SMOKE_RUN_ID"] = runId } : new Dictionary<string, string?>();
        var secrets = network ? endpoints.S3Secrets : new Dictionary<string, Secret>();
        List<string> arguments = ["run", "--rm", "--quiet", .. PlatformOption(platform)];
        if (network) arguments.AddRange(["--network", "host", .. environment.Keys.Concat(secrets.Keys).SelectMany(k => new[] { "-e", k })]);
        var result = await docker.RunAsync(Docker([.. arguments, image, .. command]) with { Environment = environment, SecretEnvironment = secrets }, echoOutput: false);
        return result.Succeeded ? result.StandardOutput.Trim() : throw new BuildError($"exit code {result.ExitCode}: {Last(result)}");
    }

    async Task<IReadOnlyList<string>> LastLogLinesAsync(string name)
    {
        var result = await docker.RunAsync(Docker(["logs", "--tail", "30", name]), echoOutput: false);
        return (result.StandardOutput + result.StandardError).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd()).TakeLast(30).ToList();
    }

    async Task<bool> Check(string name, Func<Task<string>> body)
    {
        var watch = Stopwatch.StartNew();
        try
        {
            var detail = await body();
            checks.Add(new SmokeCheck(name, true, watch.Elapsed, detail));
            Log.Information($"Smoke test: {name}: {detail} ({watch.Elapsed.TotalSeconds:0.0} s)");
            return true;
        }
        catch (Exception e) when (e is BuildError or HttpRequestException or TaskCanceledException or System.Text.Json.JsonException or InvalidOperationException)
        {
            checks.Add(new SmokeCheck(name, false, watch.Elapsed, e.Message));
            Log.Error($"Smoke test: {name} FAILED: {e.Message}");
            return false;
        }
    }

    static ToolCommand Docker(IReadOnlyList<string> arguments) => new("docker", arguments);

    static IEnumerable<string> PlatformOption(string? platform) => platform is null ? [] : ["--platform", platform];

    static string Last(ToolResult result) =>
        ToolResult.Lines(result.StandardError).LastOrDefault() ?? ToolResult.Lines(result.StandardOutput).LastOrDefault() ?? "no output";

    [GeneratedRegex(@"version\s+(\S+)")]
    private static partial Regex VersionLine();
}
