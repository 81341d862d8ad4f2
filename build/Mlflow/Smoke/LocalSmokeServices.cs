using System.Text.RegularExpressions;
using Tooling;

namespace Mlflow.Smoke;

/// <summary>
/// The services as processes on this machine: a throwaway PostgreSQL cluster (initdb and pg_ctl in a temporary
/// directory, trust authentication on 127.0.0.1 only, a free port) and an S3-protocol server (s3rver: the one
/// .ci/stand-in-server/s3 pins) on a port it picks. PostgreSQL refuses to run as root, so as root both run as the
/// postgres user.
/// </summary>
internal sealed partial class LocalSmokeServices(string postgresBin, string s3Server) : SmokeServices
{
    const string User = "mlflow", Database = "mlflow", Bucket = "mlflow";
    // s3rver's one account.
    const string S3Key = "S3RVER";

    readonly string directory = Directory.CreateTempSubdirectory("smoke-services-").FullName;
    string? postgresVersion;
    bool clusterStarted;
    CancellationTokenSource? s3Stop;
    Task<ToolResult>? s3Process;

    string DataDirectory => Path.Combine(directory, "postgres");
    string ObjectDirectory => Path.Combine(directory, "s3");

    public override string Description =>
        $"local: PostgreSQL {postgresVersion ?? "?"} (initdb in {postgresBin}), S3 by {s3Server}";

    /// <summary>The directory of initdb and pg_ctl: the one pg_ctl on PATH links to, else the newest /usr/lib/postgresql/N/bin.</summary>
    public static string? FindPostgresBin()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
            if (File.Exists(Path.Combine(dir, "pg_ctl")) && File.Exists(Path.Combine(dir, "initdb")))
                return Path.GetDirectoryName(new FileInfo(Path.Combine(dir, "pg_ctl")).ResolveLinkTarget(true)?.FullName ?? Path.Combine(dir, "pg_ctl"));
        return Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "pg_ctl")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0).FirstOrDefault()
            : null;
    }

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        var port = FreePort();
        Log.Information($"Smoke test: PostgreSQL and S3 data in {directory} (removed at the end)");
        Directory.CreateDirectory(DataDirectory);
        Directory.CreateDirectory(ObjectDirectory);
        if (Environment.IsPrivilegedProcess && !OperatingSystem.IsWindows())
        {
            // The temporary directory is root's alone (0700): the postgres user must reach its data directory inside.
            File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
            await Run(new ToolCommand("chown", ["postgres:", DataDirectory]));
        }
        await Run(AsPostgres(Path.Combine(postgresBin, "initdb"), ["-D", DataDirectory, "-U", User, "-A", "trust", "-E", "UTF8", "--no-sync"]));
        clusterStarted = true;
        await Run(AsPostgres(Path.Combine(postgresBin, "pg_ctl"), ["-D", DataDirectory, "-l", Path.Combine(DataDirectory, "server.log"), "-w", "-t", "60",
            "-o", $"-p {port} -k {DataDirectory} -c listen_addresses=127.0.0.1 -c fsync=off", "start"]));
        await Run(new ToolCommand(Path.Combine(postgresBin, "createdb"), ["-h", "127.0.0.1", "-p", port.ToString(), "-U", User, Database]));
        postgresVersion = VersionNumber().Match((await Run(new ToolCommand(Path.Combine(postgresBin, "postgres"), ["--version"]))).StandardOutput).Value;

        var s3Port = await StartS3ServerAsync(cancellationToken);
        Endpoints = new SmokeEndpoints($"postgresql://{User}@127.0.0.1:{port}/{Database}", $"http://127.0.0.1:{s3Port}", Bucket, S3Key, new Secret(S3Key));
    }

    /// <summary>Starts s3rver on a port it picks (-p 0) and returns that port, from its "listening on" line.</summary>
    async Task<int> StartS3ServerAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(s3Server)) throw new BuildError($"The S3 server {s3Server} does not exist (--smoke-storage-server; `npm ci` in .ci/stand-in-server/s3 installs it).");
        var listening = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new List<string>();
        void Line(string line)
        {
            lock (output) output.Add(line);
            if (ListeningLine().Match(line) is { Success: true } match) listening.TrySetResult(int.Parse(match.Groups[1].Value));
        }
        s3Stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // Runs until StopAsync cancels it; the tool runner stops it with the build's other commands on an interruption.
        s3Process = ToolRunner.RunAsync(new ToolCommand(s3Server, ["-d", ObjectDirectory, "-a", "127.0.0.1", "-p", "0", "--silent"]),
            echoOutput: false, s3Stop.Token, onLine: Line);
        // node starts in a second on a quiet machine; a busy CI machine may need much longer (the same 90 s as the service containers).
        var first = await Task.WhenAny(listening.Task, s3Process, Task.Delay(TimeSpan.FromSeconds(90), cancellationToken));
        if (first == listening.Task) return await listening.Task;
        lock (output) throw new BuildError($"The S3 server {s3Server} did not start: {string.Join(" ", output.TakeLast(3)).Trim()}");
    }

    public override async Task<IReadOnlyList<CleanupStep>> StopAsync()
    {
        var stopped = new List<CleanupStep>();
        if (s3Process is not null)
        {
            s3Stop!.Cancel();
            try { await s3Process; } catch (OperationCanceledException) { }
            s3Process = null;
            stopped.Add(new("S3 server stopped", true));
        }
        if (clusterStarted)
        {
            clusterStarted = false;
            var stop = await ToolRunner.RunAsync(AsPostgres(Path.Combine(postgresBin, "pg_ctl"), ["-D", DataDirectory, "-m", "immediate", "-w", "stop"]), echoOutput: false);
            stopped.Add(stop.Succeeded || !File.Exists(Path.Combine(DataDirectory, "postmaster.pid"))
                ? new("PostgreSQL cluster stopped", true) : new("PostgreSQL did not stop: " + stop.StandardError.Trim(), false));
        }
        if (Directory.Exists(directory)) { Directory.Delete(directory, recursive: true); stopped.Add(new($"{directory} removed", true)); }
        return stopped;
    }

    /// <summary>As root, the command runs as the postgres user (setpriv: no shell, no password prompt).</summary>
    static ToolCommand AsPostgres(string executable, IReadOnlyList<string> arguments) => Environment.IsPrivilegedProcess
        ? new ToolCommand("setpriv", ["--reuid=postgres", "--regid=postgres", "--clear-groups", executable, .. arguments])
        : new ToolCommand(executable, arguments);

    static async Task<ToolResult> Run(ToolCommand command)
    {
        var result = await ToolRunner.RunAsync(command, echoOutput: false);
        if (!result.Succeeded)
            throw new BuildError($"{Path.GetFileName(command.Arguments.FirstOrDefault(a => a.StartsWith('/')) ?? command.Executable)} failed: "
                + (ToolResult.Lines(result.StandardError).LastOrDefault() ?? ToolResult.Lines(result.StandardOutput).LastOrDefault() ?? $"exit code {result.ExitCode}"));
        return result;
    }

    [GeneratedRegex(@"[0-9]+(\.[0-9]+)+")]
    private static partial Regex VersionNumber();

    [GeneratedRegex(@"listening on [^\s:]+:(\d+)")]
    private static partial Regex ListeningLine();
}
